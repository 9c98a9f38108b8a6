// The real provider bundle, launched the way the engines launch it, guards its plugin socket:
// it sits in a private folder (0700) and is itself owner-only (0600), whatever the engine's
// umask; and only a client presenting the engine's own certificate (PLUGIN_CLIENT_CERT) is
// served: no certificate, or another self-signed one, is refused by the provider.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { makeClientCert, type ClientCert } from './support/client-cert';
import { call, connect, parseHandshake, type Handshake } from './support/grpc-client';
import { launchProvider, stopProvider, type ProviderProcess } from './support/launcher';

interface Launched {
  child: ChildProcess;
  handshake: Handshake;
  stderr(): string;
}

let engineCert: ClientCert;
let foreignCert: ClientCert;
const running: ProviderProcess[] = [];
const tempDirs: string[] = [];

beforeAll(() => {
  engineCert = makeClientCert();
  foreignCert = makeClientCert();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map(stopProvider));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the real provider under `umask` (as a shell would) and resolves with its handshake. */
async function launch(opts: { umask?: string; env?: Record<string, string | undefined> } = {}): Promise<Launched> {
  const p = launchProvider({
    clientCert: engineCert,
    env: opts.env,
    bundle: requireBundle(PROVIDER_BUNDLE),
    umask: opts.umask ?? '022',
  });
  running.push(p);
  return { child: p.child, handshake: parseHandshake(await p.firstLine), stderr: p.stderr };
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('plugin socket permissions', () => {
  test.each(['022', '000'])('with umask %s: private folder 0700, socket 0600, both ours', async (umask) => {
    const { handshake } = await launch({ umask });
    const socket = handshake.address;
    const folder = dirname(socket);
    expect(statSync(socket).isSocket()).toBe(true);
    expect(mode(socket).toString(8)).toBe('600');
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(mode(folder).toString(8)).toBe('700');
    expect(statSync(socket).uid).toBe(process.getuid!());
    expect(statSync(folder).uid).toBe(process.getuid!());
  });

  test('inside a world-writable PLUGIN_UNIX_SOCKET_DIR, the provider still makes its own 0700 folder', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'shared-sockets-'));
    tempDirs.push(shared);
    chmodSync(shared, 0o777);
    const { handshake } = await launch({ umask: '000', env: { PLUGIN_UNIX_SOCKET_DIR: shared } });
    const folder = dirname(handshake.address);
    expect(dirname(folder)).toBe(shared);
    expect(mode(folder).toString(8)).toBe('700');
    expect(mode(handshake.address).toString(8)).toBe('600');
  });
});

describe('mutual TLS with the engine certificate pinned', () => {
  test('serves the engine certificate; refuses no certificate and a different self-signed one', async () => {
    const p = await launch();
    const refusals = () =>
      p
        .stderr()
        .split('\n')
        .filter((l) => l.includes('Rejected a connection'));

    const engine = connect(p.handshake, engineCert);
    expect(await call(engine.health, 'Check', { service: 'plugin' })).toEqual({ status: 1 });

    const anonymous = connect(p.handshake, null);
    await expect(call(anonymous.health, 'Check', { service: 'plugin' })).rejects.toMatchObject({ code: 14 }); // UNAVAILABLE
    await expect(call(anonymous.provider, 'GetProviderSchema')).rejects.toMatchObject({ code: 14 });
    anonymous.close();
    // The provider, not the client, ended it: it logged the refusal (no certificate presented).
    expect(refusals().some((l) => l.includes('"presented":false'))).toBe(true);

    const impostor = connect(p.handshake, foreignCert);
    await expect(call(impostor.health, 'Check', { service: 'plugin' })).rejects.toMatchObject({ code: 14 });
    await expect(call(impostor.provider, 'GetProviderSchema')).rejects.toMatchObject({ code: 14 });
    impostor.close();
    expect(refusals().some((l) => l.includes('"presented":true'))).toBe(true);

    // The refusals did not disturb the engine's own connection.
    const schema = await call(engine.provider, 'GetProviderSchema');
    expect(Object.keys(schema.resource_schemas)).toContain('partnercenter_billing_profile');
    engine.close();
  });
});
