// NODE_EXTRA_CA_CERTS through the launcher: Node does not load the file at start-up (the launcher
// moves the variable aside, docs/architecture.md §10), yet the provider's own HTTPS calls (the
// refresh-token exchange at Entra ID and the API) trust the CAs it names, and child processes
// (the Azure CLI) get the variable exactly as the user set it. The API and the token endpoint are
// the emulator behind an HTTPS front whose certificate a CA made by this test signed.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EMULATOR_DEFAULTS, providerEnvFor, startEmulator, type RunningEmulator } from '../../emulator/server';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { engineLabel, listEngines } from '../support/engines';
import { FakeAz } from '../support/fake-az';
import { serveHttpsProxy, type HttpsProxy } from '../support/https-proxy';
import { makeTestCa, type TestCa } from '../support/test-ca';
import { TfWorkdir, flatOutput } from '../support/tf-workdir';

const STEP_TIMEOUT = 180_000;
// One engine: what is tested is the launcher and the provider, not the engine.
const engine = listEngines()[0];

const MAIN_TF = `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}

provider "partnercenter" {}

data "partnercenter_billing_profile" "this" {}
`;

describe(`outbound HTTPS with NODE_EXTRA_CA_CERTS through the launcher [${engineLabel(engine)}]`, () => {
  let tmp: string;
  let ca: TestCa;
  let emulator: RunningEmulator;
  let proxy: HttpsProxy;
  let wd: TfWorkdir;
  let az: FakeAz;
  /** A stand-in `az` in front of the fake one that records the environment it was given. */
  let azWrapperDir: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'outbound-ca-'));
    ca = await makeTestCa(tmp);
    emulator = await startEmulator({ port: 0 });
    proxy = await serveHttpsProxy(emulator.url, ca);
    az = await FakeAz.create({ emulatorUrl: emulator.url, tenantId: EMULATOR_DEFAULTS.tenantId });
    azWrapperDir = path.join(tmp, 'az-wrapper');
    await mkdir(azWrapperDir);
    const wrapper = path.join(azWrapperDir, 'az');
    await writeFile(wrapper, `#!/bin/sh\n/usr/bin/env > "${path.join(tmp, 'az-env.txt')}"\nexec "${az.path}" "$@"\n`);
    await chmod(wrapper, 0o755);
    wd = await TfWorkdir.create(engine, {
      files: { 'main.tf': MAIN_TF },
      env: { ...providerEnvFor(proxy.url), PARTNERCENTER_NODE: process.execPath },
      providers: [{ sourceAddress: SOURCE_ADDRESS, bundlePath: requireBundle(PROVIDER_BUNDLE) }],
    });
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await wd?.dispose();
    await az?.dispose();
    await proxy?.close();
    await emulator?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  test(
    'without the CA, the token exchange fails on the certificate (so the next test can fail)',
    async () => {
      const r = await wd.run(['plan', '-input=false'], { allowExitCodes: [1] });
      expect(flatOutput(r)).toMatch(/certificate|self[- ]signed|UNABLE_TO_VERIFY/i);
      expect(proxy.requests).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  test(
    'with NODE_EXTRA_CA_CERTS naming the CA: the refresh-token exchange and the API call go through',
    async () => {
      proxy.requests.length = 0;
      const r = await wd.run(['plan', '-input=false'], { env: { NODE_EXTRA_CA_CERTS: ca.caCertFile } });
      expect(flatOutput(r)).not.toMatch(/Warning: Ignoring extra certs/);
      const tenant = encodeURIComponent(EMULATOR_DEFAULTS.tenantId);
      expect(proxy.requests).toEqual([`POST /${tenant}/oauth2/v2.0/token`, 'GET /v1/profiles/billing']);
    },
    STEP_TIMEOUT,
  );

  test(
    'a CA file that also holds other certificates (a system bundle plus ours) works the same',
    async () => {
      proxy.requests.length = 0;
      const bundle = path.join(tmp, 'bundle.pem');
      const system = await readFile('/etc/ssl/certs/ca-certificates.crt', 'utf8').catch(() => '');
      await writeFile(bundle, `${system}\n${await readFile(ca.caCertFile, 'utf8')}`);
      await wd.run(['plan', '-input=false'], { env: { NODE_EXTRA_CA_CERTS: bundle } });
      expect(proxy.requests).toContain('GET /v1/profiles/billing');
    },
    STEP_TIMEOUT,
  );

  test(
    'the Azure CLI gets NODE_EXTRA_CA_CERTS as the user set it, and the API call trusts the CA',
    async () => {
      proxy.requests.length = 0;
      const r = await wd.run(['plan', '-input=false'], {
        env: {
          NODE_EXTRA_CA_CERTS: ca.caCertFile,
          PARTNERCENTER_TENANT_ID: undefined,
          PARTNERCENTER_CLIENT_ID: undefined,
          PARTNERCENTER_REFRESH_TOKEN: undefined,
          PATH: [azWrapperDir, az.searchPath].join(path.delimiter),
        },
      });
      expect(r.code).toBe(0);
      expect(proxy.requests).toEqual(['GET /v1/profiles/billing']);
      const azEnv = (await readFile(path.join(tmp, 'az-env.txt'), 'utf8')).split('\n');
      expect(azEnv).toContain(`NODE_EXTRA_CA_CERTS=${ca.caCertFile}`);
      expect(azEnv.filter((l) => l.startsWith('PARTNERCENTER_LAUNCHER_'))).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
