// The CDK CLI the demo tells its CDK story with, and the Node it runs on, checked before anything
// starts: `cdktf` (cdktf-cli 0.21, the archived HashiCorp CLI) on this Node, or `cdktn` (cdktn-cli,
// CDK Terrain) on this Node when it is new enough, else on the Node 24 that `npm run nodes`
// caches. A CLI that cannot run here stops the demo with the cause and the fix.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cachedNode, envWithNode, nodesDir, PINNED_NODES } from '../node-locator';
import { cdktfCliProblem, compileCommand } from './cdktf-node-check';
import { DemoFailure } from './narrator';

export type CdkRuntime = 'cdktf' | 'cdktn';

export interface CdkCli {
  runtime: CdkRuntime;
  /** The CLI's executable (node_modules/.bin/<runtime>). */
  bin: string;
  /** The version of the Node it runs on, e.g. "24.21.0". */
  nodeVersion: string;
  /** `env` with that Node first on PATH (the CLI, the app it synthesizes with and the provider use it). */
  env(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

const ROOT = path.resolve(__dirname, '..', '..');
const BIN_DIR = path.join(ROOT, 'node_modules', '.bin');

function cliPackage(name: string): { version: string; engines?: { node?: string } } {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
    engines?: { node?: string };
  };
}

/** Whether Node `version` meets a `>=X.Y.Z` requirement (the only form cdktn-cli declares). */
export function meetsMinimum(version: string, requirement: string): boolean {
  const min = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(requirement.trim());
  if (!min) throw new Error(`unexpected Node requirement "${requirement}" (expected >=X.Y.Z)`);
  const have = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const want = Number(min[i + 1]);
    if ((have[i] ?? 0) !== want) return (have[i] ?? 0) > want;
  }
  return true;
}

function cdktfCli(): CdkCli {
  const problem = cdktfCliProblem();
  if (problem) {
    const node22 = path.join(nodesDir(), PINNED_NODES['22'], 'bin');
    throw new DemoFailure(
      [
        problem,
        'Fixes (any one):',
        `- run the CDKTF story on Node 20 or 22, e.g. on the Node ${PINNED_NODES['22']} that \`npm run nodes\` caches: PATH=${node22}:$PATH npm run demo -- --cdktf`,
        "- tell it with CDK Terrain, CDKTF's maintained continuation (its CLI has no native module): npm run demo -- --cdktn",
        `- compile the module for this Node (needs python3, make and a C++ compiler; a few seconds): ${compileCommand()}`,
      ].join('\n'),
    );
  }
  return {
    runtime: 'cdktf',
    bin: path.join(BIN_DIR, 'cdktf'),
    nodeVersion: process.versions.node,
    env: (env) => env,
  };
}

function cdktnCli(): CdkCli {
  const pkg = cliPackage('cdktn-cli');
  const requirement = pkg.engines?.node ?? '>=0.0.0';
  const bin = path.join(BIN_DIR, 'cdktn');
  if (meetsMinimum(process.versions.node, requirement)) {
    return { runtime: 'cdktn', bin, nodeVersion: process.versions.node, env: (env) => env };
  }
  let node;
  try {
    node = cachedNode('24');
  } catch (err) {
    throw new DemoFailure(
      `cdktn-cli ${pkg.version} needs Node ${requirement} and this is ${process.version}: the demo runs it on the Node ${PINNED_NODES['24']} ` +
        `that \`npm run nodes\` caches, which is missing. ${(err as Error).message}`,
    );
  }
  return { runtime: 'cdktn', bin, nodeVersion: node.version, env: (env) => envWithNode(node, env) };
}

/** The CLI for `runtime`, checked to run here; throws a DemoFailure with the cause and the fix. */
export function cdkCli(runtime: CdkRuntime): CdkCli {
  return runtime === 'cdktf' ? cdktfCli() : cdktnCli();
}
