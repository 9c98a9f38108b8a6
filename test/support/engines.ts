// The engines the e2e suites run against: the two pinned builds from the engines cache (always;
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

/** scripts/engine-versions.json, which scripts/engines.sh builds from. */
export const PINNED_VERSIONS: Record<EngineName, string> = engineVersions;

/** True when `reported` is `pinned` or the `-dev` build of it (what `go install` produces). */
export function isPinnedVersion(reported: string, pinned: string): boolean {
  return reported === pinned || reported === `${pinned}-dev`;
}

function pinnedEngine(name: EngineName, dir: string): Engine {
  const binary = path.join(dir, 'bin', name);
  const want = PINNED_VERSIONS[name];
  const hint = `run \`npm run engines\` (builds Terraform v${PINNED_VERSIONS.terraform} and OpenTofu v${PINNED_VERSIONS.tofu} with Go into ${dir}; several minutes the first time), or set PARTNERCENTER_ENGINES_DIR to a folder whose bin/ holds them`;
  if (!existsSync(binary)) throw new Error(`e2e: ${name} v${want} not found at ${binary}: ${hint}`);
  const version = probeVersion(binary);
  if (!version || !isPinnedVersion(version, want)) {
    throw new Error(
      `e2e: ${binary} reports version ${version ?? '(none: it does not run)'}, expected ${want}: ${hint}`,
    );
  }
  return { name, version, path: binary, pinned: true };
}

function extraEngine(name: EngineName, pinned: Engine): Engine | undefined {
  const found = findOnPath(name);
  if (!found || realpathSync(found) === realpathSync(pinned.path)) return undefined;
  const version = probeVersion(found);
  if (!version || version === pinned.version || isPinnedVersion(version, PINNED_VERSIONS[name])) return undefined;
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
    const pinned = (['terraform', 'tofu'] as const).map((name) => pinnedEngine(name, dir));
    const extras = pinned.map((p) => extraEngine(p.name, p)).filter((e): e is Engine => e !== undefined);
    engines = [...pinned, ...extras];
    cache.set(dir, engines);
  }
  return engines;
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
