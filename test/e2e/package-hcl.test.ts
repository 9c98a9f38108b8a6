// The HCL user, outside the repository: in a temp folder with no link to this checkout and a temp
// HOME (so ~/.terraform.d is a fresh one), `npm install` of the packed tarball, then the package's
// command as the README says: `npx terraform-provider-partnercenter install`, the emulator started
// through the same command, and `init` + `apply` of a copy of examples/hcl/main.tf on every engine.
// The apply must change the emulator's profile and a second plan must be empty.
import { copyFileSync, lstatSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { EmulatorAdmin } from '../../emulator/admin-client';
import { PACKAGE_NAME, PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { ROOT } from '../support/bundles';
import { describeRun, expectExit } from '../support/command-tail';
import { engineLabel, listEngines } from '../support/engines';
import { OutsideProject, type RunningEmulator } from '../support/outside-project';
import { packageTarball } from '../support/package-tarball';

const EXAMPLE = path.join(ROOT, 'examples', 'hcl', 'main.tf');
const MANAGED_PO = /purchase_order_number\s*=\s*"([^"]+)"/.exec(readFileSync(EXAMPLE, 'utf8'))![1];

let project: OutsideProject | undefined;
let emulator: RunningEmulator | undefined;
let admin: EmulatorAdmin;
let installedHash: string;

beforeAll(async () => {
  const packed = await packageTarball();
  project = OutsideProject.create('package-hcl');
  const started = Date.now();
  await project.runOk('npm', ['install', '--prefer-offline', packed.tarball]);
  process.stderr.write(
    `package-hcl: npm pack ${packed.cached ? '(reused) took' : 'took'} ${packed.packMs} ms, ` +
      `npm install of the tarball ${Date.now() - started} ms\n`,
  );
  const installed = await project.runOk('npx', [PACKAGE_NAME, 'install']);
  installedHash = /h1:\S+/.exec(installed.stdout)![0];
  emulator = await project.startEmulator();
  admin = new EmulatorAdmin(emulator.url);
}, 300_000);

afterAll(async () => {
  await emulator?.stop();
  project?.dispose();
});

test('the package is installed as a copy, with no link to the checkout', () => {
  const dir = path.join(project!.dir, 'node_modules', PACKAGE_NAME);
  expect(lstatSync(dir).isSymbolicLink()).toBe(false);
  expect(realpathSync(dir).startsWith(realpathSync(ROOT))).toBe(false);
  expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(PROVIDER_VERSION);
});

test('install put the provider in the temp home; the emulator command printed the provider settings', () => {
  expect(
    lstatSync(path.join(project!.home, '.terraform.d', 'plugins', SOURCE_ADDRESS, PROVIDER_VERSION)).isDirectory(),
  ).toBe(true);
  expect(emulator!.settings).toEqual({
    PARTNERCENTER_BASE_URL: emulator!.url,
    PARTNERCENTER_AUTHORITY_HOST: emulator!.url,
    PARTNERCENTER_TENANT_ID: expect.any(String),
    PARTNERCENTER_CLIENT_ID: expect.any(String),
    PARTNERCENTER_REFRESH_TOKEN: expect.any(String),
  });
});

for (const engine of listEngines()) {
  test(`init and apply examples/hcl/main.tf, then an empty plan [${engineLabel(engine)}]`, async () => {
    const wd = path.join(project!.root, `wd-${engine.name}-${engine.version}`);
    mkdirSync(wd);
    copyFileSync(EXAMPLE, path.join(wd, 'main.tf'));
    await admin.reset();
    expect((await admin.profile()).purchaseOrderNumber).not.toBe(MANAGED_PO);
    const tf = async (args: string[]) =>
      project!.run(engine.path, [`-chdir=${wd}`, ...args], { ...emulator!.settings, TF_IN_AUTOMATION: '1' });

    expectExit(await tf(['init', '-input=false', '-no-color']), `${engine.name} init`);
    // The engine recorded the hash the install printed: it took our package from ~/.terraform.d.
    expect(readFileSync(path.join(wd, '.terraform.lock.hcl'), 'utf8')).toContain(`"${installedHash}"`);

    const mark = await admin.mark();
    expectExit(await tf(['apply', '-auto-approve', '-input=false', '-no-color']), `${engine.name} apply`);
    expect((await admin.profile()).purchaseOrderNumber).toBe(MANAGED_PO);
    // One write per profile the example manages (each differs from the emulator's defaults).
    const puts = (await admin.since(mark)).api.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts.sort()).toEqual(
      ['billing', 'legalbusiness', 'organization', 'support'].map((p) => `/v1/profiles/${p}`),
    );

    const plan = await tf(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    if (plan.code !== 0)
      throw new Error(`expected an empty plan (exit 0): ${describeRun(`${engine.name} plan`, plan)}`);
    expect(plan.stdout).toMatch(/No changes/);
  }, 240_000);
}
