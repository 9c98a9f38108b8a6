// The engines the e2e suites run against: the pinned builds from the engines cache (always;
// missing ones FAIL the suite, never skip it) plus any other terraform/tofu version on PATH.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { enginesDir, findOnPath, probeVersion } from '../../scripts/engine-locator';
import engineVersions from '../../scripts/engine-versions.json';

export { enginesDir };

export type EngineName = 'terraform' | 'tofu';

export interface Engine {
  name: EngineName;
  /** As the binary reports it, e.g. "1.8.5-dev". */
  version: string;
  path: string;
  /** One of the versions the project pins (built by `npm run engines`). */
  pinned: boolean;
}

/** One pinned build: scripts/engines.sh writes it to bin/<binary> of the engines cache. */
export interface PinnedEngine {
  name: EngineName;
  version: string;
  binary: string;
}

/** scripts/engine-versions.json, which scripts/engines.sh builds from, in its order. */
export const PINNED_ENGINES: readonly PinnedEngine[] = engineVersions.engines.map((e) => {
  if (e.name !== 'terraform' && e.name !== 'tofu') throw new Error(`engine-versions.json: unknown engine ${e.name}`);
  return { name: e.name, version: e.version, binary: e.binary };
});

/** The version of each engine's default binary (bin/terraform, bin/tofu). */
export const PINNED_VERSIONS: Record<EngineName, string> = {
  terraform: defaultBuild('terraform').version,
  tofu: defaultBuild('tofu').version,
};

function defaultBuild(name: EngineName): PinnedEngine {
  const found = PINNED_ENGINES.find((e) => e.name === name && e.binary === name);
  if (!found) throw new Error(`engine-versions.json: no ${name} build with binary "${name}"`);
  return found;
}

/** True when `reported` is `pinned` or the `-dev` build of it (what `go install` produces). */
export function isPinnedVersion(reported: string, pinned: string): boolean {
  return reported === pinned || reported === `${pinned}-dev`;
}

const pinnedList = () =>
  PINNED_ENGINES.map((e) => `${e.name === 'tofu' ? 'OpenTofu' : 'Terraform'} v${e.version}`).join(', ');

function pinnedEngine({ name, version: want, binary: file }: PinnedEngine, dir: string): Engine {
  const binary = path.join(dir, 'bin', file);
  const hint = `run \`npm run engines\` (builds ${pinnedList()} with Go into ${dir}; several minutes the first time), or set PARTNERCENTER_ENGINES_DIR to a folder whose bin/ holds them`;
  if (!existsSync(binary)) throw new Error(`e2e: ${name} v${want} not found at ${binary}: ${hint}`);
  const version = probeVersion(binary);
  if (!version || !isPinnedVersion(version, want)) {
    throw new Error(
      `e2e: ${binary} reports version ${version ?? '(none: it does not run)'}, expected ${want}: ${hint}`,
    );
  }
  return { name, version, path: binary, pinned: true };
}

/** `name` found on PATH, unless it is one of the pinned builds (same file or same version). */
function extraEngine(name: EngineName, pinned: Engine[]): Engine | undefined {
  const found = findOnPath(name);
  if (!found) return undefined;
  const same = pinned.filter((p) => p.name === name);
  if (same.some((p) => realpathSync(found) === realpathSync(p.path))) return undefined;
  const version = probeVersion(found);
  if (!version || same.some((p) => isPinnedVersion(version, p.version.replace(/-dev$/, '')))) return undefined;
  return { name, version, path: found, pinned: false };
}

const cache = new Map<string, Engine[]>();

/**
 * Pinned engines first (throws, naming `npm run engines`, when one is missing or the wrong
 * version), then other versions found on PATH. `dir` defaults to the engines cache.
 */
export function listEngines(dir: string = enginesDir()): Engine[] {
  let engines = cache.get(dir);
  if (!engines) {
    const pinned = PINNED_ENGINES.map((e) => pinnedEngine(e, dir));
    const extras = (['terraform', 'tofu'] as const)
      .map((name) => extraEngine(name, pinned))
      .filter((e): e is Engine => e !== undefined);
    engines = [...pinned, ...extras];
    cache.set(dir, engines);
  }
  return engines;
}

/**
 * True when `engine` is at least the version `minimum` names for it (a feature's first release
 * per engine, e.g. ephemeral variables: Terraform 1.10, OpenTofu 1.11). A "-dev" build counts as
 * its release.
 */
export function engineAtLeast(engine: Engine, minimum: Record<EngineName, string>): boolean {
  const parts = (v: string) => v.replace(/-.*$/, '').split('.').map(Number);
  const have = parts(engine.version);
  const want = parts(minimum[engine.name]);
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const diff = (have[i] ?? 0) - (want[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

/**
 * The engines with a feature (`engineAtLeast`), for suites that test it only there. Throws when
 * none has it: CI must fail, not pass with nothing tested.
 */
export function enginesWith(feature: string, minimum: Record<EngineName, string>): Engine[] {
  const found = listEngines().filter((e) => engineAtLeast(e, minimum));
  if (found.length === 0) {
    throw new Error(
      `e2e: no engine supports ${feature} (Terraform >= ${minimum.terraform} or OpenTofu >= ${minimum.tofu}); found ${listEngines().map(engineLabel).join(', ')}. Run \`npm run engines\`: it builds ${pinnedList()}.`,
    );
  }
  return found;
}

export function engineLabel(engine: Engine): string {
  return `${engine.name} ${engine.version}${engine.pinned ? '' : ' (from PATH)'}`;
}

/** Declares `describe(title [engine])` once per engine. */
export function describeEachEngine(title: string, fn: (engine: Engine) => void): void {
  for (const engine of listEngines()) {
    describe(`${title} [${engineLabel(engine)}]`, () => fn(engine));
  }
}

/**
 * The two ends of the pinned range, one per family: the oldest Terraform and the newest OpenTofu.
 * For suites whose subject is the provider's own I/O (faults, retries, races), where the engines
 * differ only in the RPC sequence every other e2e suite already runs on all of them: the two
 * cover both families and both ends of the protocol range at half the time of four.
 */
export function describeEngineEnds(title: string, fn: (engine: Engine) => void): void {
  const pinned = listEngines().filter((e) => e.pinned);
  const byVersion = (a: Engine, b: Engine) => (engineAtLeast(a, { terraform: b.version, tofu: b.version }) ? 1 : -1);
  const terraform = pinned.filter((e) => e.name === 'terraform').sort(byVersion)[0];
  const tofu = pinned
    .filter((e) => e.name === 'tofu')
    .sort(byVersion)
    .at(-1);
  if (!terraform || !tofu)
    throw new Error(
      `e2e: a pinned Terraform and OpenTofu are needed; run \`npm run engines\`: it builds ${pinnedList()}.`,
    );
  for (const engine of [terraform, tofu]) describe(`${title} [${engineLabel(engine)}]`, () => fn(engine));
}
