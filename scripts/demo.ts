// npm run demo [-- --cdktf | --cdktn] [-- --engine terraform|tofu] [-- --pinned] [-- --keep]
//
// Starts the embedded Partner Center emulator on a free port, builds and installs the provider
// into a temporary filesystem mirror, and tells the story with the real engine. Exits non-zero
// as soon as a step does not behave as narrated; leaves nothing running, and nothing behind
// unless --keep. TF_LOG/TF_LOG_PATH reach every engine run; PARTNERCENTER_DEMO_REFRESH_TOKEN and
// PARTNERCENTER_DEMO_CLIENT_SECRET choose the emulator's credentials (docs/demo.md).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/server';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../provider/meta';
import { buildBundle, DEFAULT_BUNDLE, DEFAULT_ENTRY } from './build-provider';
import { mirrorCliConfig, writeCliConfig } from '../provider/cli/cli-config';
import { EmulatorAdmin } from '../emulator/admin-client';
import { findOrBuildEngine, type DemoEngine } from './demo/engine';
import { EngineRunner, demoCredentials, engineEnv } from './demo/engine-runner';
import { failureText, say, step } from './demo/narrator';
import { cdkStory } from './demo/cdk-story';
import { cdkCli, type CdkRuntime } from './demo/cdk-cli';
import { hclStory } from './demo/hcl-story';
import { installProvider } from '../provider/cli/install';

interface DemoOptions {
  /** Tell the story through this CDK runtime's example stack and CLI instead of HCL. */
  cdk?: CdkRuntime;
  engine?: DemoEngine['name'];
  /** Run the pinned build from the engines cache even when PATH has that engine (the tests' versions). */
  pinned: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): DemoOptions {
  const usage = 'usage: npm run demo -- [--cdktf | --cdktn] [--engine terraform|tofu] [--pinned] [--keep]';
  const opts: DemoOptions = { keep: false, pinned: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--cdktf' || arg === '--cdktn') {
      const runtime = arg === '--cdktf' ? 'cdktf' : 'cdktn';
      if (opts.cdk && opts.cdk !== runtime) throw new Error(`${usage} (--cdktf and --cdktn exclude each other)`);
      opts.cdk = runtime;
    } else if (arg === '--keep') opts.keep = true;
    else if (arg === '--pinned') opts.pinned = true;
    else if (arg === '--engine' && (argv[i + 1] === 'terraform' || argv[i + 1] === 'tofu'))
      opts.engine = argv[++i] as DemoEngine['name'];
    else throw new Error(`${usage} (unexpected "${arg}")`);
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // Before anything starts: a CDK CLI that cannot run on this Node stops here, with the fix.
  const cli = opts.cdk ? cdkCli(opts.cdk) : undefined;
  const engine = findOrBuildEngine(opts.engine, opts.pinned ? 'pinned' : 'PATH');
  const workdir = mkdtempSync(path.join(os.tmpdir(), 'partnercenter-demo-'));
  const credentials = demoCredentials();
  const emulator = await startEmulator({ port: 0, ...credentials });
  try {
    step(`setup: emulator, provider build, ${engine.name} v${engine.version}, Node ${process.version}`);
    say(`Partner Center emulator listening on ${emulator.url}`);
    const bundle = await buildBundle({ entry: DEFAULT_ENTRY, outfile: DEFAULT_BUNDLE });
    say(`provider bundle ${path.relative(process.cwd(), bundle.outfile)} (${Math.round(bundle.bytes / 1024)} KiB)`);
    const mirrorDir = path.join(workdir, 'mirror');
    const installed = await installProvider({
      mirrorDir,
      bundlePath: bundle.outfile,
      sourceAddress: SOURCE_ADDRESS,
      version: PROVIDER_VERSION,
    });
    say(`installed ${path.basename(installed.executable)} into a filesystem mirror (${SOURCE_ADDRESS})`);
    const cliConfig = await writeCliConfig(
      path.join(workdir, 'cli.tfrc'),
      mirrorCliConfig({ mirrorDir, include: [SOURCE_ADDRESS] }),
    );
    say(`working directory ${workdir}`);
    const env = engineEnv(cliConfig, emulator.url, credentials);
    if (credentials.clientSecret)
      say(
        'the emulator expects a client secret (a confidential app): the provider gets it from PARTNERCENTER_CLIENT_SECRET',
      );
    if (env.TF_LOG && env.TF_LOG_PATH)
      say(`TF_LOG=${env.TF_LOG}: every engine run appends its log to ${env.TF_LOG_PATH}`);
    const admin = new EmulatorAdmin(emulator.url);
    if (cli) {
      await cdkStory(workdir, engine, env, admin, cli);
    } else {
      const stackDir = path.join(workdir, 'stack');
      mkdirSync(stackDir);
      await hclStory(stackDir, new EngineRunner(engine, stackDir, env), admin);
    }
    console.log(
      `\n\x1b[1mDemo complete in ${((Date.now() - started) / 1000).toFixed(1)} s: every step behaved as narrated.\x1b[0m`,
    );
  } finally {
    await emulator.close();
    if (opts.keep) console.log(`kept ${workdir}`);
    else rmSync(workdir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`\n\x1b[31mdemo failed: ${failureText(err)}\x1b[0m`);
  process.exitCode = 1;
});
