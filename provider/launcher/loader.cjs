'use strict';
// V8 code-cache loader for the provider bundle (Node 20 has no module.enableCompileCache).
// Installed as   <type>-loader.cjs   next to   <type>-provider.cjs; the launcher execs
//   node <type>-loader.cjs [args...]
// and this file runs the bundle as the main CommonJS module, as `node <bundle>` would (its own
// exports/require/module/__filename/__dirname, require.main === module, process.argv[1] = the
// bundle), but compiled with vm.Script from cachedData kept in a per-user cache file.
//
// Cache: ${XDG_CACHE_HOME:-~/.cache}/terraform-provider-partnercenter/
//          <type>-<sha256(bundle), 20 hex>-<node version>-<arch>.v8cache
// It lives outside the package dir on purpose: the engines' lock-file hash covers that dir.
// The key is the bundle's CONTENT, so the copies of one package in many working dirs share one
// cache. File format: MAGIC (8) | sha256(bundle) (32) | sha256(payload) (32) | V8 cached data.
// The payload hash is not optional: V8 11 checks only the header of cached data, and damaged
// data aborts the process inside V8's deserializer.
//
// With no usable cache, a fresh one is produced once the bundle has done its start-up work (on
// the turn after the first stdout line, i.e. the handshake, or at exit), so it also holds the
// functions compiled lazily during start-up; it is written atomically (temp file + rename).
// That "start-up" cache lacks what only API calls compile (got, the resource handlers). So the
// first launch that makes an API call (the bundle emits API_USED_EVENT on process) rewrites it
// once more at exit, as a "complete" cache (its own MAGIC), which is never rewritten again.
// Any cache problem (unwritable dir, damaged file, V8 rejecting the data) only means running
// without the cache.
//
// Node version: the launcher runs `node --version` only for a node it has not seen pass (the
// `node-checked` file in the same cache dir, written here); so this file checks the version too.
//
// stdout carries the go-plugin handshake: this file writes nothing to it, except the launcher's
// one-line error when node is too old.
//
// PARTNERCENTER_CODE_CACHE=off      no cache: nothing is read or written
// PARTNERCENTER_CODE_CACHE=debug    reports on stderr what the cache did, one line per event
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const crypto = require('crypto');
const Module = require('module');
const { isAscii } = require('buffer');

const type = path.basename(__filename).replace(/-loader\.cjs$/, '');
const bundle = path.join(__dirname, `${type}-provider.cjs`);

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 20) {
  const node = process.env.PARTNERCENTER_NODE || 'node';
  fs.writeSync(
    1,
    `terraform-provider-${type} needs Node.js 20 or newer, but "${node}" is ${process.version}: install Node.js >= 20 (https://nodejs.org) or set PARTNERCENTER_NODE to a newer node binary\n`,
  );
  process.exit(1);
}

const MAGIC = Buffer.from('PCV8CC01', 'latin1'); // start-up cache
const MAGIC_COMPLETE = Buffer.from('PCV8CC02', 'latin1'); // also holds the API-call code
const HEADER = MAGIC.length + 32 + 32; // a multiple of 8: V8 then reads the payload in place
const API_USED_EVENT = 'partnercenter:api-used';
const CACHE_DIR_NAME = 'terraform-provider-partnercenter';
const NODE_CHECKED_FILE = 'node-checked';
const STALE_MS = 30 * 24 * 3600 * 1000;
// The bundle runs as the body of this function, on its own line: with lineOffset -1, positions in
// stack traces are the bundle file's own line:column.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';

const setting = process.env.PARTNERCENTER_CODE_CACHE || '';
const enabled = !['off', '0', 'false'].includes(setting);
const debug = setting === 'debug';
// Set by the launcher after it ran `"$node" --version` successfully; not for the provider's eyes.
const checkedNode = process.env.PARTNERCENTER_NODE_CHECKED;
delete process.env.PARTNERCENTER_NODE_CHECKED;

function note(message) {
  if (!debug) return;
  try {
    fs.writeSync(2, `partnercenter code cache: ${message}\n`);
  } catch {
    // stderr closed: nobody to tell
  }
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest();

function cacheDirectory() {
  const xdg = process.env.XDG_CACHE_HOME;
  const root = xdg && path.isAbsolute(xdg) ? xdg : path.join(require('os').homedir(), '.cache');
  return path.join(root, CACHE_DIR_NAME);
}

/**
 * Why `dir` may not be trusted with code (undefined when it may): a V8 code cache is compiled
 * code, so the folder must be ours and writable by nobody else. A missing folder is fine: it is
 * created 0700.
 */
function untrustedDirectory(dir) {
  let st;
  try {
    st = fs.statSync(dir);
  } catch (err) {
    return err.code === 'ENOENT' || err.code === 'ENOTDIR' ? undefined : err.message; // not there: nothing to trust
  }
  if (typeof process.getuid === 'function' && st.uid !== process.getuid())
    return `owned by uid ${st.uid}, not ${process.getuid()}`;
  if ((st.mode & 0o022) !== 0) return `writable by others (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/** { payload, complete } of the cache, or undefined (missing, unreadable, damaged, or another bundle's). */
function readCache(file, bundleHash) {
  let data;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    note(err.code === 'ENOENT' ? `miss ${file}` : `unreadable ${file}: ${err.message}`);
    return undefined;
  }
  const payload = data.subarray(HEADER);
  const magic = data.subarray(0, MAGIC.length);
  const complete = magic.equals(MAGIC_COMPLETE);
  const ok =
    data.length > HEADER &&
    (complete || magic.equals(MAGIC)) &&
    data.subarray(MAGIC.length, MAGIC.length + 32).equals(bundleHash) &&
    data.subarray(MAGIC.length + 32, HEADER).equals(sha256(payload));
  if (!ok) note(`damaged ${file}: ignored`);
  return ok ? { payload, complete } : undefined;
}

/**
 * Writes `produce()`'s bytes to `file` atomically. Creates the temp file first, so an unwritable
 * dir costs no serialization. Returns false (reported in debug mode) when anything fails.
 */
function writeAtomically(file, produce) {
  const temp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  let fd;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fd = fs.openSync(temp, 'wx', 0o600);
    const bytes = produce();
    fs.writeSync(fd, bytes);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
    note(`written ${file} (${bytes.length} bytes)`);
    return true;
  } catch (err) {
    note(`not written ${file}: ${err.message}`);
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed: nothing to release
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created, or already removed
    }
    return false;
  }
}

/** Drops this type's other cache files (older bundles, other node versions) unused for 30 days. */
function removeStale(dir, keep) {
  try {
    const now = Date.now();
    for (const name of fs.readdirSync(dir)) {
      if (name === keep || !name.startsWith(`${type}-`)) continue;
      const temp = name.endsWith('.tmp');
      if (!temp && !name.endsWith('.v8cache')) continue;
      const entry = path.join(dir, name);
      if (now - fs.statSync(entry).mtimeMs > (temp ? 3600 * 1000 : STALE_MS)) fs.unlinkSync(entry);
    }
  } catch {
    // best effort
  }
}

/** Runs `task` on the turn after the first complete stdout line (the handshake), or at exit. */
function afterStartup(task) {
  let done = false;
  let unwatch = () => {};
  const run = () => {
    if (done) return;
    done = true;
    unwatch();
    task();
  };
  process.once('exit', run); // also covers runs that never print a line
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
      unwatch();
      setImmediate(run);
    }
    return result;
  };
  unwatch = () => {
    if (stdout.write !== watchingWrite) return; // replaced again since: leave it alone
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

// --- compile the bundle, from the cache when there is a usable one ---------------------------
const bundleBytes = fs.readFileSync(bundle);
// esbuild emits ASCII (charset=ascii); latin1 decoding is then the same string, and cheaper.
let source =
  typeof isAscii === 'function' && isAscii(bundleBytes) ? bundleBytes.toString('latin1') : bundleBytes.toString('utf8');
if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
if (source.startsWith('#!')) source = `//${source.slice(2)}`; // a hashbang is only valid at the start of a script

let cacheDir;
let cacheFile;
let bundleHash;
let cachedData;
let cacheComplete = false;
if (enabled) {
  try {
    cacheDir = cacheDirectory();
    const unsafe = untrustedDirectory(cacheDir);
    if (unsafe) throw new Error(`${cacheDir} is ${unsafe}`);
    bundleHash = sha256(bundleBytes);
    const key = `${type}-${bundleHash.toString('hex').slice(0, 20)}-${process.version}-${process.arch}`;
    cacheFile = path.join(cacheDir, `${key}.v8cache`);
    const cached = readCache(cacheFile, bundleHash);
    cachedData = cached && cached.payload;
    cacheComplete = Boolean(cached && cached.complete);
  } catch (err) {
    note(`disabled: ${err.message}`);
    cacheDir = cacheFile = undefined;
  }
} else {
  note('off');
}

const options = { filename: bundle, lineOffset: -1 };
// import() inside the bundle then works as in a module that Node loaded itself (Node >= 20.12).
if (vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
  options.importModuleDynamically = vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
}
if (cachedData) options.cachedData = cachedData;
const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, options);
if (cachedData) note(script.cachedDataRejected ? `rejected by V8, to be rewritten: ${cacheFile}` : `hit ${cacheFile}`);

const usable = Boolean(cachedData) && !script.cachedDataRejected;
const writeCodeCache = cacheFile !== undefined && !usable;
const writeNodeChecked = cacheDir !== undefined && checkedNode !== undefined && !checkedNode.includes('\n');

function writeCodeCacheFile(magic) {
  return writeAtomically(cacheFile, () => {
    const payload = script.createCachedData();
    return Buffer.concat([magic, bundleHash, sha256(payload), payload]);
  });
}

if (writeCodeCache || writeNodeChecked) {
  afterStartup(() => {
    if (writeNodeChecked)
      writeAtomically(path.join(cacheDir, NODE_CHECKED_FILE), () => Buffer.from(`${checkedNode}\n`));
    if (writeCodeCache && writeCodeCacheFile(MAGIC)) removeStale(cacheDir, path.basename(cacheFile));
  });
}
if (cacheFile !== undefined && !(usable && cacheComplete)) {
  // Once per bundle: at the exit of the first launch that called the API, keep everything it
  // compiled, so later launches do not compile got and the API path again.
  process.once(API_USED_EVENT, () => process.once('exit', () => writeCodeCacheFile(MAGIC_COMPLETE)));
}

// --- run it as the main module --------------------------------------------------------------
const mainModule = new Module(bundle, null);
mainModule.id = '.';
mainModule.filename = bundle;
mainModule.paths = Module._nodeModulePaths(__dirname);
Module._cache[bundle] = mainModule;
process.mainModule = mainModule;
process.argv[1] = bundle;
const bundleRequire = Module.createRequire(bundle);
bundleRequire.main = mainModule;
script
  .runInThisContext({ displayErrors: true })
  .call(mainModule.exports, mainModule.exports, bundleRequire, mainModule, bundle, __dirname);
mainModule.loaded = true;
