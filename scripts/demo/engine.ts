// Picks the engine the demo runs: the pinned Terraform from the engines cache, else a terraform
// or tofu on PATH, else builds the pinned engines with Go (progress shown; minutes, once).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DemoEngine {
  name: 'terraform' | 'tofu';
  path: string;
  version: string;
}

const ROOT = path.resolve(__dirname, '..', '..');

function enginesBin(): string {
  return path.join(process.env.PARTNERCENTER_ENGINES_DIR || path.join(os.homedir(), '.cache', 'tfengines'), 'bin');
}

function versionOf(binary: string): string | undefined {
  try {
    const out = execFileSync(binary, ['version', '-json'], {
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(out).terraform_version;
  } catch {
    return undefined;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function candidate(name: DemoEngine['name'], binary: string | undefined): DemoEngine | undefined {
  if (!binary || !existsSync(binary)) return undefined;
  const version = versionOf(binary);
  return version ? { name, path: binary, version } : undefined;
}

/** `wanted` is "terraform", "tofu" or undefined (any). */
export function findEngine(wanted?: DemoEngine['name']): DemoEngine | undefined {
  const names: DemoEngine['name'][] = wanted ? [wanted] : ['terraform', 'tofu'];
  for (const name of names) {
    const found = candidate(name, path.join(enginesBin(), name));
    if (found) return found;
  }
  for (const name of names) {
    const found = candidate(name, onPath(name));
    if (found) return found;
  }
  return undefined;
}

export function findOrBuildEngine(wanted?: DemoEngine['name']): DemoEngine {
  const found = findEngine(wanted);
  if (found) return found;
  console.log('No Terraform or OpenTofu found: building the pinned engines with Go (once; several minutes).');
  const built = spawnSync('bash', [path.join(ROOT, 'scripts', 'engines.sh')], { stdio: 'inherit' });
  const engine = built.status === 0 ? findEngine(wanted) : undefined;
  if (!engine) {
    throw new Error(
      'no engine available: install Terraform >= 1.8 or OpenTofu >= 1.6 on PATH, or install Go and run `npm run engines`',
    );
  }
  return engine;
}
