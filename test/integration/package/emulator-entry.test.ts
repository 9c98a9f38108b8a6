// `terraform-provider-partnercenter/emulator` as a user's test imports it: the packed tarball
// installed in a temp project outside the checkout, then required (CommonJS), imported (ESM) and
// type-checked against its shipped declarations, starting a real emulator and reading it back.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/bundles';
import { expectExit } from '../../support/command-tail';
import { OutsideProject } from '../../support/outside-project';
import { packageTarball } from '../../support/package-tarball';

let project: OutsideProject | undefined;

const node = (args: string[]) => project!.run(process.execPath, args, {}, 60_000);

beforeAll(async () => {
  const { tarball } = await packageTarball();
  project = OutsideProject.create('emulator-entry');
  await project.runOk('npm', ['install', '--prefer-offline', tarball]);
}, 300_000);
afterAll(() => project?.dispose());

const USE = `
  const em = await startEmulator({ port: 0 });
  try {
    const admin = new EmulatorAdmin(em.url);
    await admin.patchProfile({ purchaseOrderNumber: 'PO-FROM-A-USER-TEST' });
    const env = providerEnvFor(em.url);
    console.log(JSON.stringify({ po: (await admin.profile()).purchaseOrderNumber, base: env.PARTNERCENTER_BASE_URL === em.url }));
  } finally {
    await em.close();
  }
`;

test('require() from CommonJS starts an emulator and drives it', async () => {
  writeFileSync(
    path.join(project!.dir, 'use.cjs'),
    `const { startEmulator, EmulatorAdmin, providerEnvFor } = require('terraform-provider-partnercenter/emulator');\n(async () => {${USE}})();\n`,
  );
  const r = expectExit(await node(['use.cjs']), 'node use.cjs');
  expect(JSON.parse(r.stdout)).toEqual({ po: 'PO-FROM-A-USER-TEST', base: true });
});

test('import from ESM does the same', async () => {
  writeFileSync(
    path.join(project!.dir, 'use.mjs'),
    `import { startEmulator, EmulatorAdmin, providerEnvFor } from 'terraform-provider-partnercenter/emulator';\n${USE}\n`,
  );
  const r = expectExit(await node(['use.mjs']), 'node use.mjs');
  expect(JSON.parse(r.stdout)).toEqual({ po: 'PO-FROM-A-USER-TEST', base: true });
});

test('its declarations type-check a user test (and catch a misuse)', async () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  writeFileSync(
    path.join(project!.dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        types: [],
        skipLibCheck: false,
      },
      files: ['check.ts'],
    }),
  );
  const body = `import { startEmulator, EmulatorAdmin, providerEnvFor, type EmulatorOptions, type RunningEmulator, type FaultSpec, type ApiCallRecord } from 'terraform-provider-partnercenter/emulator';
export async function check(): Promise<void> {
  const opts: EmulatorOptions = { port: 0, conflictMode: '412', tenantId: 'contoso.example' };
  const em: RunningEmulator = await startEmulator(opts);
  const admin = new EmulatorAdmin(em.url);
  const fault: FaultSpec = { status: 503, count: 1 };
  await admin.injectFault(fault);
  const log: ApiCallRecord[] = await admin.requests();
  const url: string = providerEnvFor(em.url).PARTNERCENTER_BASE_URL;
  console.log(log.length, url);
  await em.close();
}
`;
  writeFileSync(path.join(project!.dir, 'check.ts'), body);
  expectExit(await node([tsc, '-p', 'tsconfig.json']), 'tsc on a user test');

  writeFileSync(
    path.join(project!.dir, 'check.ts'),
    `${body}export const wrong: EmulatorOptions = { port: 'eighty' };\n`,
  );
  const misuse = await node([tsc, '-p', 'tsconfig.json']);
  expect(misuse.code).not.toBe(0);
  expect(misuse.stdout).toMatch(/check\.ts.*Type 'string' is not assignable to type 'number'/);
}, 60_000);
