// The packed npm package as a CDK user gets it, outside the repository: in a temp folder with its
// own HOME and no link to the checkout, `npm install <tarball>` with the CDK runtime, its CLI and
// constructs; `npx terraform-provider-partnercenter install` (the implied mirror in that HOME) and
// `... emulator`; then a CDK app using PartnerBillingProfile: synth, deploy, an edit made
// outside Terraform through the emulator's admin API, and `diff` names the drifted field.
// Three stories, each on the Node its CLI supports: cdktf 0.21 on this Node (CI: 20) and on
// Node 22, cdktn 0.24 on Node 24 (the last two from the `npm run nodes` cache; missing FAILS).
// One engine for all (the pinned Terraform). Each story prints how long its steps took.
import { lstatSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorAdmin } from '../../emulator/admin-client';
import { ROOT } from '../support/bundles';
import { listEngines } from '../support/engines';
import { cachedNode, type CachedNode, type NodeMajor } from '../support/node-versions';
import { OutsideProject, type RunningEmulator } from '../support/outside-project';
import { packageTarball } from '../support/package-tarball';

const STACK = 'partnercenter-billing';
const DECLARED_PO = 'PO-OUTSIDE-1';
const EDITED_PO = 'PO-EDITED-OUTSIDE';

interface Story {
  runtime: 'cdktf' | 'cdktn';
  /** From the `npm run nodes` cache; undefined: this Node. */
  node?: NodeMajor;
  /** What `npm install` adds beside the tarball. */
  packages: string[];
  /** The module the app imports the bindings from. */
  bindings: string;
}

const STORIES: Story[] = [
  {
    runtime: 'cdktf',
    packages: ['cdktf@0.21', 'cdktf-cli@0.21', 'constructs'],
    bindings: 'terraform-provider-partnercenter',
  },
  {
    runtime: 'cdktf',
    node: '22',
    packages: ['cdktf@0.21', 'cdktf-cli@0.21', 'constructs'],
    bindings: 'terraform-provider-partnercenter',
  },
  {
    runtime: 'cdktn',
    node: '24',
    // cdktn 0.24 accepts constructs >=10.6.0 <10.8.0 only, and npm's latest is 10.8.1.
    packages: ['cdktn@0.24', 'cdktn-cli@0.24', 'constructs@~10.7.2'],
    bindings: 'terraform-provider-partnercenter/cdktn',
  },
];

/** A user's CDK app in plain JavaScript (no TypeScript toolchain to install). */
function appSource(story: Story): string {
  return `const { App, TerraformOutput, TerraformStack } = require('${story.runtime}');
const { PartnerBillingProfile, PartnerCenterProvider } = require('${story.bindings}');

class BillingProfileStack extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new PartnerCenterProvider(this, 'partnercenter'); // settings from PARTNERCENTER_* at run time
    const profile = new PartnerBillingProfile(this, 'billing', {
      purchaseOrderNumber: '${DECLARED_PO}',
      primaryContact: { email: 'billing@contoso.example' },
    });
    new TerraformOutput(this, 'etag', { value: profile.etag });
  }
}

const app = new App();
new BillingProfileStack(app, '${STACK}');
app.synth();
`;
}

const CDKTF_JSON = {
  language: 'typescript',
  app: 'node main.js',
  output: 'cdktf.out',
  projectId: 'outside-the-repository',
  sendCrashReports: 'false',
  terraformProviders: [],
  terraformModules: [],
  context: {},
};

const terraform = () => {
  const engine = listEngines().find((e) => e.name === 'terraform' && e.pinned);
  if (!engine) throw new Error('the pinned Terraform is missing: run `npm run engines`');
  return engine;
};

describe.each(
  STORIES.map((s) => [`${s.runtime} on Node ${s.node ?? process.versions.node.split('.')[0]}`, s] as const),
)('the packed package outside the repository: %s', (title, story) => {
  let node: CachedNode | undefined;
  let project: OutsideProject;
  let emulator: RunningEmulator | undefined;
  let cdk: (args: string[]) => ReturnType<OutsideProject['runOk']>;
  const timings: string[] = [];
  const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await fn();
    } finally {
      timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  };

  beforeAll(async () => {
    node = story.node ? cachedNode(story.node) : undefined;
    const { tarball } = await packageTarball();
    project = OutsideProject.create(`package-${story.runtime}-node${story.node ?? 'current'}`, node);
    writeFileSync(path.join(project.dir, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    // --prefer-offline: package metadata already in the npm cache is not revalidated (halves the
    // time of this step; a cold cache still fetches everything).
    await timed('npm install', () => project.runOk('npm', ['install', '--prefer-offline', tarball, ...story.packages]));
    const engine = terraform();
    cdk = (args) =>
      project.runOk('npx', [story.runtime, ...args], { TERRAFORM_BINARY_NAME: engine.path, ...emulator?.settings });
  }, 600_000);

  afterAll(async () => {
    await emulator?.stop();
    project?.dispose();
    process.stderr.write(`package-cdk [${title}]: ${timings.join(', ')}\n`);
  });

  test('npm installed the tarball itself (no link to the checkout), on the intended Node', async () => {
    const installed = path.join(project.dir, 'node_modules', 'terraform-provider-partnercenter');
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(realpathSync(installed).startsWith(realpathSync(ROOT))).toBe(false);
    const version = await project.runOk('node', ['-p', 'process.versions.node']);
    expect(version.stdout.trim()).toBe(node?.version ?? process.versions.node);
  });

  test('npx terraform-provider-partnercenter install puts the provider into the implied mirror of HOME', async () => {
    const run = await timed('install', () => project.runOk('npx', ['terraform-provider-partnercenter', 'install']));
    const pkg = JSON.parse(
      readFileSync(path.join(project.dir, 'node_modules', 'terraform-provider-partnercenter', 'package.json'), 'utf8'),
    );
    const mirror = path.join(
      project.home,
      '.terraform.d',
      'plugins',
      'terraform.local',
      'partnercenter',
      'partnercenter',
      pkg.version,
    );
    expect(run.output).toContain(mirror);
    expect(lstatSync(mirror).isDirectory()).toBe(true);
  });

  test('npx terraform-provider-partnercenter emulator starts and prints the provider settings', async () => {
    emulator = await timed('emulator start', () => project.startEmulator());
    expect(emulator.settings).toMatchObject({ PARTNERCENTER_BASE_URL: emulator.url });
    expect(await new EmulatorAdmin(emulator.url).profile()).toHaveProperty('companyName');
  });

  test(`${story.runtime} synth writes the stack with the resource and our source address`, async () => {
    writeFileSync(path.join(project.dir, 'main.js'), appSource(story));
    writeFileSync(path.join(project.dir, 'cdktf.json'), JSON.stringify(CDKTF_JSON, null, 2));
    await timed('synth', () => cdk(['synth']));
    const stack = JSON.parse(readFileSync(path.join(project.dir, 'cdktf.out', 'stacks', STACK, 'cdk.tf.json'), 'utf8'));
    expect(stack.resource.partnercenter_billing_profile.billing.purchase_order_number).toBe(DECLARED_PO);
    expect(stack.terraform.required_providers.partnercenter.source).toBe('terraform.local/partnercenter/partnercenter');
  });

  test(`${story.runtime} deploy applies it to the emulator`, async () => {
    await timed('deploy', () => cdk(['deploy', '--auto-approve', '--skip-provider-lock']));
    expect((await new EmulatorAdmin(emulator!.url).profile()).purchaseOrderNumber).toBe(DECLARED_PO);
  });

  test(`after an edit outside Terraform, ${story.runtime} diff names the drifted field`, async () => {
    await new EmulatorAdmin(emulator!.url).patchProfile({ purchaseOrderNumber: EDITED_PO });
    const diff = await timed('diff', () => cdk(['diff']));
    expect(diff.output).toMatch(/Objects have changed outside of Terraform/);
    expect(diff.output).toContain(`purchase_order_number = "${EDITED_PO}" -> "${DECLARED_PO}"`);
    expect(diff.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
  });
});
