'use strict';
// V8 code-cache loader for the provider bundle (Node 20 has no module.enableCompileCache).
// Installed as   <type>-loader.cjs   next to   <type>-provider.cjs; the launcher execs
//   node <type>-loader.cjs [args...]
// and this file runs the bundle as the main CommonJS module (same exports/require/module/
// __filename/__dirname, require.main === module, process.argv[1] = the bundle), but compiles it
// with vm.Script and cachedData read from a per-user cache file.
//
// Cache: ${XDG_CACHE_HOME:-~/.cache}/terraform-provider-partnercenter/
//          <type>-<sha256(bundle)[:20]>-<node version>-<arch>.v8cache
// It lives outside the package dir on purpose: the engines' lock-file hash covers that dir.
// The file is keyed by the bundle's CONTENT, so every working dir's copy of the same package
// shares one cache. File format: MAGIC (8) | sha256(bundle) (32) | sha256(payload) (32) | payload.
// The payload hash is not optional: V8 11 only checks the header of cached data, and a damaged
// payload aborts the process inside the deserializer.
//
// When there is no usable cache, a fresh one is produced after the bundle has done its start-up
// work (just after the first stdout line, i.e. the handshake, or at exit), so it includes the
// functions compiled lazily during start-up; written atomically (temp file + rename).
// Any cache problem (unwritable dir, damaged file, V8 rejecting the data) only means running
// without a cache. This file never writes to stdout: stdout carries the go-plugin handshake.
//
// PARTNERCENTER_CODE_CACHE=off      disables the cache (nothing is read or written)
// PARTNERCENTER_CODE_CACHE=debug    reports what the cache did on stderr, one line per event
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const crypto = require('crypto');
const Module = require('module');

const MAGIC = Buffer.from('PCV8CC01', 'latin1');
const HEADER = MAGIC.length + 32 + 32; // a multiple of 8: V8 then uses the payload in place
const STALE_MS = 30 * 24 * 3600 * 1000;
// The bundle runs as the body of this function; on its own line so that line:column positions in
// stack traces are the bundle file's (lineOffset -1).
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';

const setting = String(process.env.PARTNERCENTER_CODE_CACHE || '').toLowerCase();
const enabled = !['off', '0', 'false', 'no', 'disabled'].includes(setting);
const debug = setting === 'debug';

function note(message) {
  if (!debug) return;
  try {
    fs.writeSync(2, `partnercenter code cache: ${message}\n`);
  } catch {
    // stderr closed: nothing to report to
  }
}

const type = path.basename(__filename).replace(/-loader\.cjs$/, '');
const bundle = path.join(__dirname, `${type}-provider.cjs`);
const bundleBytes = fs.readFileSync(bundle);
let source = bundleBytes.toString('utf8');
if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
if (source.startsWith('#!')) source = `//${source.slice(2)}`; // a hashbang is only valid at script start

function cacheDirectory() {
  const xdg = process.env.XDG_CACHE_HOME;
  const root = xdg && path.isAbsolute(xdg) ? xdg : path.join(require('os').homedir(), '.cache');
  return path.join(root, 'terraform-provider-partnercenter');
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest();

/** The cached payload, or undefined (missing, unreadable, damaged, or for another bundle). */
function readCache(file, bundleHash) {
  let data;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    note(err.code === 'ENOENT' ? `miss ${file}` : `unreadable ${file}: ${err.message}`);
    return undefined;
  }
  const payload = data.subarray(HEADER);
  const ok =
    data.length > HEADER &&
    data.subarray(0, MAGIC.length).equals(MAGIC) &&
    data.subarray(MAGIC.length, MAGIC.length + 32).equals(bundleHash) &&
    data.subarray(MAGIC.length + 32, HEADER).equals(sha256(payload));
  if (!ok) note(`damaged ${file}: ignored`);
  return ok ? payload : undefined;
}

/** Writes the cache atomically; a no-op (reported in debug mode) when anything fails. */
function writeCache(file, bundleHash, produce) {
  const dir = path.dirname(file);
  const temp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  let fd;
  try {
    // Open the temp file first: an unwritable dir then costs no serialization at all.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = fs.openSync(temp, 'wx', 0o600);
    const payload = produce();
    fs.writeSync(fd, Buffer.concat([MAGIC, bundleHash, sha256(payload), payload]));
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
    note(`written ${file} (${payload.length} bytes)`);
  } catch (err) {
    note(`not written ${file}: ${err.message}`);
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {}
    }
    try {
      fs.unlinkSync(temp);
    } catch {}
    return;
  }
  removeStale(dir, path.basename(file));
}

/** Drops this provider type's cache files (other bundles / node versions) unchanged for 30 days. */
function removeStale(dir, keep) {
  try {
    const now = Date.now();
    for (const name of fs.readdirSync(dir)) {
      if (name === keep || !name.startsWith(`${type}-`)) continue;
      if (!name.endsWith('.v8cache') && !name.endsWith('.tmp')) continue;
      const entry = path.join(dir, name);
      const age = now - fs.statSync(entry).mtimeMs;
      if (age > (name.endsWith('.tmp') ? 3600 * 1000 : STALE_MS)) fs.unlinkSync(entry);
    }
  } catch {
    // best effort
  }
}

let cacheFile;
let bundleHash;
let cachedData;
if (enabled) {
  try {
    bundleHash = sha256(bundleBytes);
    const key = `${type}-${bundleHash.toString('hex').slice(0, 20)}-${process.version}-${process.arch}`;
    cacheFile = path.join(cacheDirectory(), `${key}.v8cache`);
    cachedData = readCache(cacheFile, bundleHash);
  } catch (err) {
    note(`disabled: ${err.message}`);
    cacheFile = undefined;
  }
} else {
  note('off');
}

const options = { filename: bundle, lineOffset: -1 };
// Let import() inside the bundle work as in a module Node loaded itself (Node >= 20.12).
if (vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
  options.importModuleDynamically = vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
}
if (cachedData) options.cachedData = cachedData;
const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, options);
if (cachedData) note(script.cachedDataRejected ? 'rejected by V8: rewriting' : `hit ${cacheFile}`);

if (cacheFile && (!cachedData || script.cachedDataRejected)) scheduleCacheWrite();

function scheduleCacheWrite() {
  let done = false;
  let stopWatching = () => {};
  const save = () => {
    if (done) return;
    done = true;
    stopWatching();
    writeCache(cacheFile, bundleHash, () => script.createCachedData());
  };
  process.once('exit', save); // covers runs that never print a line (e.g. a start-up error)
  // After the first complete stdout line (the handshake) the start-up code has been compiled;
  // serialize on the next turn, when the line is already on its way to the engine.
  let stdout;
  try {
    stdout = process.stdout;
  } catch {
    return;
  }
  const ownWrite = Object.prototype.hasOwnProperty.call(stdout, 'write');
  const originalWrite = stdout.write;
  const watchingWrite = function write(chunk, ...rest) {
    const result = originalWrite.call(this, chunk, ...rest);
    if (!done && hasNewline(chunk)) {
      stopWatching();
      setImmediate(save);
    }
    return result;
  };
  stopWatching = () => {
    if (stdout.write !== watchingWrite) return; // replaced by someone else since: leave it
    if (ownWrite) stdout.write = originalWrite;
    else delete stdout.write;
  };
  stdout.write = watchingWrite;
}

function hasNewline(chunk) {
  if (typeof chunk === 'string') return chunk.includes('\n');
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).includes(10);
  return false;
}

// Run the bundle as the main module, as `node <bundle>` would.
const mainModule = new Module(bundle, null);
mainModule.id = '.';
mainModule.filename = bundle;
mainModule.paths = Module._nodeModulePaths(__dirname);
Module._cache[bundle] = mainModule;
process.mainModule = mainModule;
process.argv[1] = bundle;
const bundleRequire = Module.createRequire(bundle); // require.main: process.mainModule, set above
bundleRequire.main = mainModule;
script
  .runInThisContext({ displayErrors: true })
  .call(mainModule.exports, mainModule.exports, bundleRequire, mainModule, bundle, __dirname);
mainModule.loaded = true;
