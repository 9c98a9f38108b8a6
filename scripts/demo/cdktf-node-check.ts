// cdktf-cli 0.21 loads the native module @cdktf/node-pty-prebuilt-multiarch 0.10.2 as it starts
// (it runs `deploy` in a pseudo-terminal). That package ships prebuilt binaries up to Node 22
// (ABI 127) and nothing for Node 24 (ABI 137); npm 11 does not run its install script (which would
// try a download, then compile). On such a Node every cdktf command dies at start-up with "Cannot
// find module '../build/Release/pty.node'", unless the module was compiled for it into its
// build/Release/, which its loader tries next (node-gyp with python3, make and a C++ compiler: a
// few seconds; cdktf itself stays as it is). This check loads the module the way the CLI does, on
// the Node that will run the CLI, so the demo can stop before it starts anything and say why and
// what to do.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Node major versions by native-module ABI (process.versions.modules), for the message. */
const NODE_OF_ABI: Record<string, string> = {
  '102': '17',
  '108': '18',
  '111': '19',
  '115': '20',
  '120': '21',
  '127': '22',
  '131': '23',
  '137': '24',
  '141': '25',
};

const abiName = (abi: string) => (NODE_OF_ABI[abi] ? `${abi} (Node ${NODE_OF_ABI[abi]})` : abi);

/** The node-pty package cdktf-cli loads (resolved from cdktf-cli's own folder). */
export function ptyPackageDir(): string {
  const fromCli = createRequire(require.resolve('cdktf-cli/package.json'));
  return path.dirname(fromCli.resolve('@cdktf/node-pty-prebuilt-multiarch/package.json'));
}

/** The ABIs the package has prebuilt binaries for on this platform, ascending. */
function prebuiltAbis(dir: string): string[] {
  const folder = path.join(dir, 'prebuilds', `${process.platform}-${process.arch}`);
  if (!existsSync(folder)) return [];
  const abis = readdirSync(folder)
    .map((name) => /^node\.abi(\d+)\.node$/.exec(name)?.[1])
    .filter((abi): abi is string => abi !== undefined);
  return [...new Set(abis)].sort((a, b) => Number(a) - Number(b));
}

/**
 * Why cdktf-cli cannot start on the Node at `node` (default: this one), or undefined when it can:
 * loads the CLI's pseudo-terminal module in a child process on that Node.
 */
export function cdktfCliProblem(node: string = process.execPath): string | undefined {
  const dir = ptyPackageDir();
  const loader = path.join(dir, 'lib', 'prebuild-loader.js');
  const probe = spawnSync(
    node,
    [
      '-e',
      `process.stdout.write(process.versions.node + ' ' + process.versions.modules); require(${JSON.stringify(loader)})`,
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (probe.status === 0) return undefined;
  const [version = '?', abi = '?'] = probe.stdout.split(' ');
  const { version: ptyVersion } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const reason =
    /^Error: .*$/m.exec(probe.stderr)?.[0] ?? (probe.stderr.trim().split('\n').pop() || `exit ${probe.status}`);
  const abis = prebuiltAbis(dir);
  const prebuilt = abis.length
    ? `ships prebuilt binaries for ABIs ${abis.map(abiName).join(', ')}`
    : `ships no prebuilt binary for ${process.platform}-${process.arch}`;
  return (
    `cdktf-cli cannot start on Node v${version}: it loads the native module @cdktf/node-pty-prebuilt-multiarch ${ptyVersion}, ` +
    `which ${prebuilt}, not for this Node's ABI ${abiName(abi)}, and none was compiled for it (${reason}).`
  );
}

/**
 * The command that compiles the module for the Node at `node` into its build/Release/ (node-gyp,
 * fetched by npx). The headers come from that Node's own installation when it has them (the
 * `npm run nodes` builds do), so nothing else is downloaded.
 */
export function compileCommand(node: string = process.execPath): string {
  const prefix = path.dirname(path.dirname(realpathSync(node)));
  const nodedir = existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? ` --nodedir=${prefix}` : '';
  return `(cd ${ptyPackageDir()} && PATH=${path.dirname(node)}:$PATH npx --yes node-gyp rebuild${nodedir})`;
}
