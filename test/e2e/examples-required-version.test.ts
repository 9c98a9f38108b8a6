// The examples' required_version (examples/hcl/main.tf, the cdktf and cdktn stacks) is one
// constraint that every engine the tests run satisfies, checked by each engine itself: `init` of
// a configuration holding only that constraint succeeds, and a control constraint above the
// engine's version fails with the engine's own "Unsupported … version" error. OpenTofu 1.12 reads
// required_version only from .tofu files (its own `language` block replaces it), so there the
// control passes too: the constraint binds Terraform and OpenTofu before 1.12.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/bundles';
import { describeEachEngine, engineAtLeast } from '../support/engines';
import { processEnvWith, spawnCapture } from '../support/spawn-capture';

const HCL = readFileSync(path.join(ROOT, 'examples', 'hcl', 'main.tf'), 'utf8');
const CONSTRAINT = /^\s*required_version\s*=\s*"([^"]+)"/m.exec(HCL)?.[1];

test('examples/hcl/main.tf and both CDK examples declare the same required_version', () => {
  expect(CONSTRAINT).toBe('>= 1.6.0');
  for (const runtime of ['cdktf', 'cdktn']) {
    const stack = readFileSync(path.join(ROOT, 'examples', runtime, 'main.ts'), 'utf8');
    expect(stack).toContain(`this.addOverride('terraform.required_version', '${CONSTRAINT}');`);
  }
});

describeEachEngine('the examples required_version', (engine) => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'required-version-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function init(constraint: string) {
    writeFileSync(path.join(dir, 'main.tf'), `terraform {\n  required_version = "${constraint}"\n}\n`);
    return spawnCapture(engine.path, ['init', '-input=false', '-no-color', '-backend=false'], {
      cwd: dir,
      env: processEnvWith({ TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' }),
      killAfterMs: 60_000,
    });
  }

  test(`${engine.name} ${engine.version} satisfies it`, async () => {
    const ok = await init(CONSTRAINT!);
    expect(`${ok.code}\n${ok.stdout}${ok.stderr}`).toMatch(/^0\n/);
    const control = await init('>= 99.0.0');
    if (engineAtLeast(engine, { terraform: '99.0.0', tofu: '1.12.0' })) {
      expect(control.code).toBe(0); // ignored in a .tf file
    } else {
      expect(control.code).toBe(1);
      expect(control.stdout + control.stderr).toMatch(/Unsupported (Terraform|OpenTofu) Core version/);
    }
  }, 60_000);
});
