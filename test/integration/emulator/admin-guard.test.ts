// The admin API cannot be driven by a web page (docs/security.md): a cross-origin "simple" POST
// (text/plain or form body), a request from another Origin, or one addressed to a foreign Host
// (DNS rebinding) is refused with a JSON error, before it has any effect; the JSON calls of
// scripts, curl and EmulatorAdmin still work.
import got, { type OptionsOfTextResponseBody } from 'got';
import { hostname, networkInterfaces } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function call(url: string, method: 'GET' | 'POST' | 'PATCH', path: string, opts: OptionsOfTextResponseBody = {}) {
  const res = await got(`${url}/_emulator/${path}`, { method, throwHttpErrors: false, retry: { limit: 0 }, ...opts });
  return { status: res.statusCode, type: res.headers['content-type'], body: JSON.parse(res.body || 'null') };
}

/** Nothing changed: no pending fault, the profile's purchase order number as it was. */
async function expectNoEffect(url: string, po: string) {
  const admin = new EmulatorAdmin(url);
  expect((await admin.pendingFaults()).pending).toEqual([]);
  expect((await admin.profile()).purchaseOrderNumber).toBe(po);
}

describe('content type', () => {
  it.each([
    ['text/plain', '{"status":500}'],
    ['text/plain;charset=UTF-8', '{"status":500}'],
    ['application/x-www-form-urlencoded', '{"status":500}'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n{"status":500}\r\n--x--'],
  ])('refuses a %s POST with 415 and a JSON error, without effect', async (type, body) => {
    emu = await startEmulator();
    const po = (await new EmulatorAdmin(emu.url).profile()).purchaseOrderNumber!;
    const res = await call(emu.url, 'POST', 'faults', { headers: { 'content-type': type }, body });
    expect(res.status).toBe(415);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.body.error).toContain('the admin API takes JSON bodies only: send Content-Type: application/json');
    await expectNoEffect(emu.url, po);
  });

  it('refuses a body without a content type, and a text/plain PATCH of the profile', async () => {
    emu = await startEmulator();
    const po = (await new EmulatorAdmin(emu.url).profile()).purchaseOrderNumber!;
    expect((await call(emu.url, 'POST', 'faults', { body: '{"status":500}' })).status).toBe(415);
    const patch = await call(emu.url, 'PATCH', 'profile', {
      headers: { 'content-type': 'text/plain' },
      body: '{"purchaseOrderNumber":"PO-EVIL"}',
    });
    expect(patch.status).toBe(415);
    await expectNoEffect(emu.url, po);
  });

  it('accepts application/json, with or without a charset, and body-less calls', async () => {
    emu = await startEmulator();
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      const res = await call(emu.url, 'POST', 'faults', { headers: { 'content-type': type }, body: '{"status":500}' });
      expect(res.status).toBe(201);
    }
    expect((await call(emu.url, 'POST', 'reset')).status).toBe(200);
    // EmulatorAdmin (got with `json:`) and curl as the README shows it.
    const admin = new EmulatorAdmin(emu.url);
    expect((await admin.patchProfile({ purchaseOrderNumber: 'PO-JSON' })).purchaseOrderNumber).toBe('PO-JSON');
    // Not spawnSync: the emulator runs in this process and must keep answering.
    const curl = await promisify(execFile)('curl', [
      '-sS',
      '-X',
      'PATCH',
      `${emu.url}/_emulator/profile`,
      '-H',
      'content-type: application/json',
      '-d',
      '{"taxId":"T-1"}',
    ]);
    expect(JSON.parse(curl.stdout).taxId).toBe('T-1');
  });
});

describe('origin', () => {
  it('refuses a request from a web page of another origin, even without a body (reset)', async () => {
    emu = await startEmulator();
    const admin = new EmulatorAdmin(emu.url);
    await admin.patchProfile({ purchaseOrderNumber: 'PO-KEEP' });
    for (const origin of ['https://evil.example', 'null']) {
      const res = await call(emu.url, 'POST', 'reset', { headers: { origin } });
      expect(res.status).toBe(403);
      expect(res.body.error).toContain('the admin API refuses requests from web pages');
    }
    await expectNoEffect(emu.url, 'PO-KEEP');
  });
});

describe('host', () => {
  it.each(['evil.example', 'evil.example:8080', 'rebind.127.0.0.1.nip.io', '127.0.0.1.evil.example', '10.0.0.5'])(
    'refuses Host %s with 403 and a JSON error naming the allowed hosts, without effect',
    async (host) => {
      emu = await startEmulator();
      const po = (await new EmulatorAdmin(emu.url).profile()).purchaseOrderNumber!;
      const res = await call(emu.url, 'POST', 'faults', { headers: { host }, json: { status: 500 } });
      expect(res.status).toBe(403);
      expect(res.type).toMatch(/^application\/json/);
      expect(res.body.error).toContain('the admin API answers only requests addressed to 127.0.0.1, [::1], localhost');
      expect(res.body.error).toContain('--host <name>');
      const read = await call(emu.url, 'GET', 'requests', { headers: { host } });
      expect(read.status).toBe(403);
      await expectNoEffect(emu.url, po);
    },
  );

  it('accepts loopback Host values with any port', async () => {
    emu = await startEmulator();
    for (const host of [
      `127.0.0.1:${emu.port}`,
      '127.0.0.1',
      '127.1.2.3:9',
      'localhost:8080',
      'LOCALHOST',
      '[::1]:80',
    ]) {
      expect((await call(emu.url, 'GET', 'faults', { headers: { host } })).status).toBe(200);
    }
  });

  it('leaves the API and token endpoint to their own checks (the admin API alone is guarded)', async () => {
    emu = await startEmulator();
    const res = await got(`${emu.url}/v1/profiles/billing`, {
      headers: { host: 'evil.example' },
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    expect(res.statusCode).toBe(401); // the bearer check, not the admin guard
  });

  it('with a wildcard --host, also accepts the machine name; still refuses foreign names', async () => {
    emu = await startEmulator({ host: '0.0.0.0' });
    const own = await call(emu.url, 'GET', 'faults', { headers: { host: `${hostname()}:${emu.port}` } });
    expect(own.status).toBe(200);
    expect((await call(emu.url, 'GET', 'faults', { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  (external ? it : it.skip)('with an explicit non-loopback --host, accepts that host too', async () => {
    emu = await startEmulator({ host: external });
    expect(emu.url).toBe(`http://${external}:${emu.port}`);
    expect((await call(emu.url, 'GET', 'faults')).status).toBe(200);
    expect((await call(emu.url, 'GET', 'faults', { headers: { host: 'evil.example' } })).status).toBe(403);
  });
});
