// Where the engines are: the cache that `npm run engines` fills, and PATH. Shared by the demo
// and the e2e suites.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The engines cache (its bin/ holds terraform and tofu). */
export function enginesDir(): string {
  return process.env.PARTNERCENTER_ENGINES_DIR || path.join(os.homedir(), '.cache', 'tfengines');
}

/** Runs `<engine> version -json` with an empty CLI config; undefined if it does not run. */
export function probeVersion(binary: string): string | undefined {
  try {
    const out = execFileSync(binary, ['version', '-json'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.homedir(),
        TF_CLI_CONFIG_FILE: '/dev/null',
        CHECKPOINT_DISABLE: '1',
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
    });
    const version = (JSON.parse(out) as { terraform_version?: unknown }).terraform_version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The first executable `name` on PATH (`pathEnv`, default this process's). */
export function findOnPath(name: string, pathEnv: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
