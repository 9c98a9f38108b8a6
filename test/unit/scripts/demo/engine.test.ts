// The demo's choice of engine (scripts/demo/engine.ts) among stub engines in fake PATH folders and
// a fake engines cache: the engine on PATH is preferred, --engine picks only that engine, an engine
// too old or that does not run is skipped with the reason, and with nothing usable only the engine
// asked for is built, after saying what was found and what the build costs.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseEngine, describeChoice, pinnedBuild, type EngineName } from '../../../../scripts/demo/engine';
import engineVersions from '../../../../scripts/engine-versions.json';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'demo-engine-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A stub engine in `dir` answering `version -json` with `version` (undefined: it fails). */
function stub(dir: string, name: EngineName, version: string | undefined): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const body = version === undefined ? 'exit 1' : `echo '{"terraform_version":"${version}"}'`;
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const pathDir = (n = 1) => path.join(tmp, `path${n}`);
const cacheDir = () => path.join(tmp, 'cache');
const cacheBin = () => path.join(cacheDir(), 'bin');
/** A PATH of the fake folders only (plus an empty one), so nothing of this machine's is found. */
const fakePath = (...dirs: string[]) => [path.join(tmp, 'empty'), ...dirs].join(path.delimiter);

test('the default demo prefers the engine on PATH to the pinned builds in the cache', () => {
  const onPath = stub(pathDir(), 'terraform', '1.11.4');
  stub(cacheBin(), 'terraform', '1.8.5-dev');
  stub(cacheBin(), 'tofu', '1.6.3-dev');
  const choice = chooseEngine({ pathEnv: fakePath(pathDir()), cacheDir: cacheDir() });
  expect(choice.engine).toEqual({ name: 'terraform', path: onPath, version: '1.11.4' });
  expect(choice.build).toBeUndefined();
  const said = describeChoice(choice).join('\n');
  expect(said).toContain(`using Terraform v1.11.4 at ${onPath} (the first on PATH)`);
  expect(said).toContain(
    `found Terraform v1.8.5-dev at ${path.join(cacheBin(), 'terraform')} (engines cache): also usable, but the engine on PATH comes first`,
  );
});

test('a PATH with only OpenTofu: the default demo runs it rather than the cached Terraform', () => {
  const tofu = stub(pathDir(), 'tofu', '1.8.0');
  stub(cacheBin(), 'terraform', '1.8.5-dev');
  expect(chooseEngine({ pathEnv: fakePath(pathDir()), cacheDir: cacheDir() }).engine?.path).toBe(tofu);
});

test('the benchmark prefers the pinned builds', () => {
  stub(pathDir(), 'terraform', '1.11.4');
  const pinned = stub(cacheBin(), 'terraform', '1.8.5-dev');
  const choice = chooseEngine({
    wanted: 'terraform',
    prefer: 'pinned',
    pathEnv: fakePath(pathDir()),
    cacheDir: cacheDir(),
  });
  expect(choice.engine?.path).toBe(pinned);
});

test('--engine tofu with only Terraform on PATH: says Terraform was found, and builds only OpenTofu', () => {
  const terraform = stub(pathDir(), 'terraform', '1.11.4');
  const choice = chooseEngine({ wanted: 'tofu', pathEnv: fakePath(pathDir()), cacheDir: cacheDir() });
  expect(choice.engine).toBeUndefined();
  expect(choice.build).toEqual(pinnedBuild('tofu'));
  expect(choice.build).toMatchObject({ name: 'tofu', binary: 'tofu' });
  const said = describeChoice(choice, 'tofu').join('\n');
  expect(said).not.toMatch(/No Terraform or OpenTofu found/i);
  expect(said).toContain(`found Terraform v1.11.4 at ${terraform} (PATH): not used, --engine tofu asks for OpenTofu`);
  expect(said).toContain(`no usable OpenTofu on PATH or in the engines cache (${cacheBin()})`);
  const tofu = engineVersions.engines.find((e) => e.binary === 'tofu')!;
  expect(said).toContain(
    `building OpenTofu v${tofu.version} only, from source with Go (\`bash scripts/engines.sh tofu\`)`,
  );
  expect(said).toContain(
    `about ${tofu.estimate.packages} packages, about ${tofu.estimate.minutes} minutes on two cores`,
  );
  expect(said).toContain(`up to about ${tofu.estimate.cacheGB} GB in Go's module and build caches`);
  expect(said).toContain('the Go module proxy');
  expect(said).not.toMatch(/Terraform v1\.8\.5 only|building Terraform/);
});

test('--engine tofu with OpenTofu in the cache and Terraform on PATH: the cached OpenTofu, nothing built', () => {
  stub(pathDir(), 'terraform', '1.11.4');
  const tofu = stub(cacheBin(), 'tofu', '1.6.3-dev');
  const choice = chooseEngine({ wanted: 'tofu', pathEnv: fakePath(pathDir()), cacheDir: cacheDir() });
  expect(choice.engine).toEqual({ name: 'tofu', path: tofu, version: '1.6.3-dev' });
  expect(describeChoice(choice, 'tofu')).toContain(
    `using OpenTofu v1.6.3-dev at ${tofu} (the pinned build in the engines cache)`,
  );
});

test('an engine on PATH too old or that does not run is skipped, and the output says why', () => {
  const old = stub(pathDir(1), 'terraform', '1.5.7');
  const broken = stub(pathDir(2), 'tofu', undefined);
  const pinned = stub(cacheBin(), 'terraform', '1.8.5-dev');
  const choice = chooseEngine({ pathEnv: fakePath(pathDir(1), pathDir(2)), cacheDir: cacheDir() });
  expect(choice.engine?.path).toBe(pinned);
  const said = describeChoice(choice).join('\n');
  expect(said).toContain(
    `found Terraform v1.5.7 at ${old} (PATH): not used, older than 1.8, the oldest the provider supports`,
  );
  expect(said).toContain(`found OpenTofu at ${broken} (PATH): not used, it does not run`);
});

test('nothing anywhere: the default demo builds Terraform alone, not every pinned engine', () => {
  const choice = chooseEngine({ pathEnv: fakePath(), cacheDir: cacheDir() });
  expect(choice.found).toEqual([]);
  expect(choice.build).toMatchObject({ name: 'terraform', binary: 'terraform' });
  const said = describeChoice(choice).join('\n');
  expect(said).toContain('no usable Terraform or OpenTofu on PATH or in the engines cache');
  expect(said).toContain('`bash scripts/engines.sh terraform`');
});
