// A hermetic place to run the engines and the cdktf CLI: a temp HOME whose implied filesystem
// mirror (~/.terraform.d/plugins, scanned by both engines without any CLI config) holds the
// freshly built provider, and an environment stripped of the developer's Terraform settings.
// This is exactly the documented user setup, minus the user's real home directory.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../../provider/meta';
import { installProvider } from '../../../provider/cli/install';
import { PROVIDER_BUNDLE, requireBundle } from '../../support/bundles';
import { processEnvWithout, spawnCapture } from '../../support/spawn-capture';

export interface Sandbox {
  root: string;
  home: string;
  /** Base environment for every command run in the sandbox. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

// Inherited settings that would make a run depend on the developer's shell.
const STRIPPED = [
  /^TF_/,
  /^CHECKPOINT_/,
  /^CDKTF_/,
  /^TERRAFORM_BINARY_NAME$/,
  /^PARTNERCENTER_(?!NODE$)/,
  /^NODE_EXTRA_CA_CERTS$/,
];

export async function createSandbox(): Promise<Sandbox> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cdktf-sandbox-'));
  const home = path.join(root, 'home');
  await mkdir(home);
  await installProvider({
    mirrorDir: path.join(home, '.terraform.d', 'plugins'),
    bundlePath: requireBundle(PROVIDER_BUNDLE),
    sourceAddress: SOURCE_ADDRESS,
    version: PROVIDER_VERSION,
  });
  const env = processEnvWithout(STRIPPED);
  Object.assign(env, {
    HOME: home,
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  return {
    root,
    home,
    env,
    dispose: () =>
      process.env.PARTNERCENTER_KEEP_WORKDIRS ? Promise.resolve() : rm(root, { recursive: true, force: true }),
  };
}

export interface RunResult {
  code: number;
  /** stdout and stderr, interleaved as received, without ANSI escape sequences. */
  output: string;
}

// CSI sequences (colours, cursor moves of the cdktf spinner) and lone carriage returns.
// eslint-disable-next-line no-control-regex -- matching the ESC (\u001b) that starts each sequence is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\r/g;

/** Runs a command in its own process group, with the shared hang guard; output without escapes. */
export async function runCommand(
  file: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; killAfterMs?: number },
): Promise<RunResult> {
  const run = await spawnCapture(file, args, { ...opts, killAfterMs: opts.killAfterMs ?? 180_000 });
  return { code: run.code, output: run.output.replace(ANSI, '') };
}

/** Throws with the command's output unless it exited with one of `allowed`. */
export function expectExit(result: RunResult, allowed: number[], what: string): RunResult {
  if (!allowed.includes(result.code)) {
    throw new Error(`${what} exited ${result.code} (expected ${allowed.join(' or ')})\n${result.output}`);
  }
  return result;
}
