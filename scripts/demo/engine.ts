// Picks the engine the demo runs: the pinned build from the engines cache, else a terraform or
// tofu on PATH, else builds the pinned engines with Go (progress shown; minutes, once).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { enginesDir, findOnPath, probeVersion } from '../engine-locator';

export interface DemoEngine {
  name: 'terraform' | 'tofu';
  path: string;
  version: string;
}

const ROOT = path.resolve(__dirname, '..', '..');

function candidate(name: DemoEngine['name'], binary: string | undefined): DemoEngine | undefined {
  if (!binary || !existsSync(binary)) return undefined;
  const version = probeVersion(binary);
  return version ? { name, path: binary, version } : undefined;
}

/** `wanted` is "terraform", "tofu" or undefined (any). */
export function findEngine(wanted?: DemoEngine['name']): DemoEngine | undefined {
  const names: DemoEngine['name'][] = wanted ? [wanted] : ['terraform', 'tofu'];
  for (const name of names) {
    const found = candidate(name, path.join(enginesDir(), 'bin', name));
    if (found) return found;
  }
  for (const name of names) {
    const found = candidate(name, findOnPath(name));
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
