// The go-plugin launch contract, checked against the bundled fixture provider launched the way
// the engines launch a provider.
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KIT_BUNDLE, requireBundle } from '../support/bundles';
import { makeClientCert, type ClientCert } from './support/client-cert';
import { call, certPemFromHandshake, connect, parseHandshake } from './support/grpc-client';
import { launchEnv, launchProvider, stopProvider, type ProviderProcess } from './support/launcher';

const HANDSHAKE = /^1\|6\|unix\|[^|]+\|grpc\|[A-Za-z0-9+/]+$/;
const GO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

let clientCert: ClientCert;
let foreignCert: ClientCert;
const running: ProviderProcess[] = [];

function launch(opts: Parameters<typeof launchProvider>[0] = {}): ProviderProcess {
  const p = launchProvider({ clientCert, ...opts });
  running.push(p);
  return p;
}

beforeAll(() => {
  clientCert = makeClientCert();
  foreignCert = makeClientCert();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map(stopProvider));
});

describe('handshake line', () => {
  test('is exactly one line of six fields with an unpadded base64 DER certificate', async () => {
    const p = launch();
    const line = await p.firstLine;
    expect(line).toMatch(HANDSHAKE);
    expect(line.split('|')).toHaveLength(6);
    expect(p.stdout()).toBe(`${line}\n`); // nothing before or after it
    const socket = parseHandshake(line).address;
    expect(existsSync(socket)).toBe(true);
  });

  test('carries a certificate for localhost, valid now, usable for serverAuth', async () => {
    const p = launch();
    const { certBase64 } = parseHandshake(await p.firstLine);
    const cert = new X509Certificate(certPemFromHandshake(certBase64));
    expect(cert.subjectAltName).toBe('DNS:localhost');
    expect(cert.checkHost('localhost')).toBe('localhost');
    const now = Date.now();
    expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(now);
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(now + 365 * 24 * 3600 * 1000);
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // EKU serverAuth (Node lists EKU OIDs here)
    expect(cert.verify(cert.publicKey)).toBe(true); // self-signed
  });

  test.each(['5,6', '6,5', '6'])('accepts PLUGIN_PROTOCOL_VERSIONS=%s', async (versions) => {
    const p = launch({ env: { PLUGIN_PROTOCOL_VERSIONS: versions } });
    expect(await p.firstLine).toMatch(HANDSHAKE);
  });

  test('refuses an engine that offers only protocol 5, saying why, with nothing on stdout', async () => {
    const p = launch({ env: { PLUGIN_PROTOCOL_VERSIONS: '5' } });
    expect((await p.exited).code).toBe(1);
    expect(p.stdout()).toBe('');
    expect(p.stderr()).toMatch(/protocol 6.*offered only 5/);
  });

  test('without the magic cookie: exit 1, a message on stderr, nothing on stdout', async () => {
    const p = launch({ env: { TF_PLUGIN_MAGIC_COOKIE: undefined } });
    expect((await p.exited).code).toBe(1);
    expect(p.stdout()).toBe('');
    expect(p.stderr()).toMatch(/not run directly/);
  });

  test('honours PLUGIN_UNIX_SOCKET_DIR and removes the socket after Shutdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-sockets-'));
    const p = launch({ env: { PLUGIN_UNIX_SOCKET_DIR: dir } });
    const hs = parseHandshake(await p.firstLine);
    expect(dirname(dirname(hs.address))).toBe(dir);
    const c = connect(hs, clientCert);
    await call(c.controller, 'Shutdown');
    c.close();
    expect((await p.exited).code).toBe(0);
    expect(existsSync(hs.address)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('mutual TLS', () => {
  test('serves a client presenting the engine certificate', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), clientCert);
    expect(await call(c.health, 'Check', { service: 'plugin' })).toEqual({ status: 1 });
    c.close();
  });

  test('rejects a client without a certificate', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), null);
    await expect(call(c.health, 'Check', { service: 'plugin' })).rejects.toMatchObject({ code: 14 }); // UNAVAILABLE
    c.close();
  });

  test('rejects a client with a different certificate', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), foreignCert);
    await expect(call(c.health, 'Check', { service: 'plugin' })).rejects.toMatchObject({ code: 14 });
    c.close();
  });

  test('serves plaintext with an empty certificate field when no client certificate is sent', async () => {
    const p = launchProvider({});
    running.push(p);
    const line = await p.firstLine;
    expect(line).toMatch(/^1\|6\|unix\|[^|]+\|grpc\|$/);
    const c = connect(parseHandshake(line), 'plaintext');
    expect(await call(c.health, 'Check', { service: '' })).toEqual({ status: 1 });
    c.close();
  });
});

describe('go-plugin services', () => {
  test('Shutdown is answered and the process exits by itself', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), clientCert);
    await expect(call(c.controller, 'Shutdown')).resolves.toEqual({});
    // The client keeps its connection open: the provider must still go.
    expect(await p.exited).toEqual({ code: 0, signal: null });
    c.close();
  });

  test('StreamStdio and the broker stream are accepted and held open; health answers', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), clientCert);
    const stdio = c.stdio.StreamStdio({});
    const broker = c.broker.StartStream();
    const stdioEvents: string[] = [];
    stdio.on('data', () => stdioEvents.push('data'));
    stdio.on('error', (e: { code: number }) => stdioEvents.push(`error ${e.code}`));
    stdio.on('end', () => stdioEvents.push('end'));
    broker.on('error', () => undefined);
    broker.write({ service_id: 1, network: 'unix', address: '/nowhere' });
    // Other calls keep working while both streams are open, and neither stream has ended.
    expect(await call(c.health, 'Check', { service: 'plugin' })).toEqual({ status: 1 });
    expect(await call(c.provider, 'GetFunctions')).toEqual({ diagnostics: [] });
    expect(stdioEvents).toEqual([]);
    await call(c.controller, 'Shutdown');
    expect((await p.exited).code).toBe(0);
    c.close();
  });

  test('Health reports an unknown service as NOT_FOUND', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), clientCert);
    await expect(call(c.health, 'Check', { service: 'other' })).rejects.toMatchObject({ code: 5 });
    c.close();
  });
});

describe('process behaviour', () => {
  test('SIGINT is ignored', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), clientCert);
    p.child.kill('SIGINT');
    // A call made after the signal is still served by the same process.
    expect(await call(c.health, 'Check', { service: 'plugin' })).toEqual({ status: 1 });
    expect(p.child.exitCode).toBeNull();
    c.close();
  });

  test('exits when its parent dies', async () => {
    // An intermediate Node process plays the engine: it launches the provider, reports the
    // provider's pid, and is then killed with SIGKILL (as if the engine crashed).
    const bundle = requireBundle(KIT_BUNDLE);
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, [${JSON.stringify(bundle)}], { stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.once('data', () => process.stdout.write(String(child.pid) + '\\n'));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['-e', script], {
      env: launchEnv({ clientCert }, '/dev/null'),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const pid = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
    );
    expect(isAlive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await waitUntil(() => !isAlive(pid), 10_000);
    expect(isAlive(pid)).toBe(false);
  });

  test('every stderr line is plain text or an hclog JSON object with string @level/@message/@timestamp', async () => {
    const p = launch();
    const c = connect(parseHandshake(await p.firstLine), clientCert);
    await call(c.provider, 'GetProviderSchema');
    await call(c.provider, 'ConfigureProvider', {});
    await call(c.provider, 'ValidateResourceConfig', { type_name: 'no_such_type' });
    await call(c.controller, 'Shutdown');
    await p.exited;
    c.close();
    const lines = p
      .stderr()
      .split('\n')
      .filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line);
      expect(typeof entry['@level']).toBe('string');
      expect(['trace', 'debug', 'info', 'warn', 'error']).toContain(entry['@level']);
      expect(typeof entry['@message']).toBe('string');
      expect(entry['@timestamp']).toMatch(GO_TIMESTAMP);
    }
    expect(lines.some((l) => JSON.parse(l)['tf_rpc'] === 'GetProviderSchema')).toBe(true);
  });

  test('logs nothing when TF_LOG and TF_LOG_PROVIDER are unset', async () => {
    const p = launch({ env: { TF_LOG: undefined, TF_LOG_PROVIDER: undefined } });
    const c = connect(parseHandshake(await p.firstLine), clientCert);
    await call(c.provider, 'GetProviderSchema');
    await call(c.controller, 'Shutdown');
    await p.exited;
    c.close();
    expect(p.stderr()).toBe('');
  });
});

describe('command-line modes', () => {
  test('--schema-json prints the schema JSON without needing the cookie, and exits 0', async () => {
    const p = launch({ args: ['--schema-json'], env: { TF_PLUGIN_MAGIC_COOKIE: undefined } });
    expect((await p.exited).code).toBe(0);
    const json = JSON.parse(p.stdout());
    expect(json.format_version).toBe('1.0');
    expect(Object.keys(json.provider_schemas)).toEqual(['terraform.local/test/kitfixture']);
    expect(json.provider_schemas['terraform.local/test/kitfixture'].resource_schemas.kitfixture_thing.version).toBe(1);
  });

  test('--debug serves plaintext and prints TF_REATTACH_PROVIDERS for protocol 6', async () => {
    const p = launch({ args: ['--debug'], env: { TF_PLUGIN_MAGIC_COOKIE: undefined } });
    await p.firstLine;
    await waitUntil(() => /TF_REATTACH_PROVIDERS='(.*)'/.test(p.stdout()), 5000);
    const reattach = JSON.parse(/TF_REATTACH_PROVIDERS='(.*)'/.exec(p.stdout())![1]);
    const entry = reattach['terraform.local/test/kitfixture'];
    expect(entry).toMatchObject({
      Protocol: 'grpc',
      ProtocolVersion: 6,
      Test: true,
      Pid: p.child.pid,
      Addr: { Network: 'unix' },
    });
    const c = connect({ address: entry.Addr.String } as ReturnType<typeof parseHandshake>, 'plaintext');
    expect(await call(c.health, 'Check', { service: 'plugin' })).toEqual({ status: 1 });
    c.close();
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}
