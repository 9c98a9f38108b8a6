// Picks the engine the demo (and the benchmark) runs, and says why: the engines found on PATH and
// in the engines cache (`npm run engines`), the one chosen, and any skipped (too old, does not
// run, not the one asked for). The demo prefers the engine on PATH, the one the user installed;
// the benchmark prefers the pinned builds. With none, only the engine asked for (Terraform when
// none is) is built, after saying what the build costs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { enginesDir, findOnPath, probeVersion } from '../engine-locator';
import engineVersions from '../engine-versions.json';

export type EngineName = 'terraform' | 'tofu';

export interface DemoEngine {
  name: EngineName;
  path: string;
  version: string;
}

/** An engine binary seen on PATH or in the engines cache, and whether the demo can use it. */
export interface FoundEngine {
  name: EngineName;
  path: string;
  where: 'PATH' | 'engines cache';
  /** As it reports it; undefined when it does not run. */
  version?: string;
  /** Why it is not used, when it cannot be (does not run, too old). */
  unusable?: string;
}

/** A pinned build of scripts/engine-versions.json, with what building it costs. */
export interface PinnedBuild {
  name: EngineName;
  version: string;
  binary: string;
  estimate: { packages: number; minutes: number; cacheGB: number };
}

export interface EngineChoice {
  engine?: DemoEngine;
  /** Every engine seen, in the order they were considered. */
  found: FoundEngine[];
  /** What to build when nothing usable was found. */
  build?: PinnedBuild;
  /** The engines cache searched (and built into). */
  cacheDir: string;
}

export interface ChooseOptions {
  /** "terraform", "tofu", or undefined for either. */
  wanted?: EngineName;
  /** Which wins when both have one: the user's PATH (the demo) or the pinned builds (the bench). */
  prefer?: 'PATH' | 'pinned';
  /** The PATH to search; default process.env.PATH. */
  pathEnv?: string;
  /** The engines cache; default enginesDir(). */
  cacheDir?: string;
}

/** The oldest of each engine the provider supports (README prerequisites). */
export const MINIMUM_VERSIONS: Record<EngineName, string> = { terraform: '1.8.0', tofu: '1.6.0' };

export const DISPLAY_NAMES: Record<EngineName, string> = { terraform: 'Terraform', tofu: 'OpenTofu' };

const ROOT = path.resolve(__dirname, '..', '..');

/** The default build of each engine (binary named like the engine), as engines.sh builds it. */
export function pinnedBuild(name: EngineName): PinnedBuild {
  const e = engineVersions.engines.find((x) => x.name === name && x.binary === name);
  if (!e) throw new Error(`scripts/engine-versions.json has no ${name} build with binary "${name}"`);
  return { name, version: e.version, binary: e.binary, estimate: e.estimate };
}

/** True when `version` (e.g. "1.8.5-dev") is at least `minimum`. */
export function atLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => v.replace(/-.*$/, '').split('.').map(Number);
  const [have, want] = [parts(version), parts(minimum)];
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const diff = (have[i] ?? 0) - (want[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

function inspect(name: EngineName, binary: string, where: FoundEngine['where']): FoundEngine {
  const version = probeVersion(binary);
  if (!version) return { name, path: binary, where, unusable: 'it does not run (`version -json` failed)' };
  if (!atLeast(version, MINIMUM_VERSIONS[name]))
    return {
      name,
      path: binary,
      where,
      version,
      unusable: `older than ${MINIMUM_VERSIONS[name].replace(/\.0$/, '')}, the oldest the provider supports`,
    };
  return { name, path: binary, where, version };
}

/** Every terraform and tofu on PATH and in the cache, in the order of `prefer`. */
function locate(opts: ChooseOptions, cacheDir: string): FoundEngine[] {
  const onPath = (name: EngineName) => {
    const binary = findOnPath(name, opts.pathEnv);
    return binary ? [inspect(name, binary, 'PATH')] : [];
  };
  const cached = (name: EngineName) => {
    const binary = path.join(cacheDir, 'bin', name);
    return existsSync(binary) ? [inspect(name, binary, 'engines cache')] : [];
  };
  const names: EngineName[] = ['terraform', 'tofu'];
  const first = opts.prefer === 'pinned' ? cached : onPath;
  const second = opts.prefer === 'pinned' ? onPath : cached;
  return [...names.flatMap(first), ...names.flatMap(second)];
}

/** The engine to run: the first usable one of the kind asked for; else what to build. Pure but for the probes. */
export function chooseEngine(opts: ChooseOptions = {}): EngineChoice {
  const cacheDir = opts.cacheDir ?? enginesDir();
  const found = locate(opts, cacheDir);
  const pick = found.find((f) => f.unusable === undefined && (!opts.wanted || f.name === opts.wanted));
  if (pick) return { engine: { name: pick.name, path: pick.path, version: pick.version! }, found, cacheDir };
  return { found, build: pinnedBuild(opts.wanted ?? 'terraform'), cacheDir };
}

function chosenWhere(choice: EngineChoice): FoundEngine['where'] | undefined {
  return choice.found.find((f) => f.path === choice.engine?.path)?.where;
}

function label(f: FoundEngine): string {
  return `${DISPLAY_NAMES[f.name]}${f.version ? ` v${f.version}` : ''} at ${f.path} (${f.where})`;
}

/** What the demo prints about its choice: what it found, what it runs or builds, and why. */
export function describeChoice(choice: EngineChoice, wanted?: EngineName): string[] {
  const lines: string[] = [];
  const chosen = choice.engine;
  for (const f of choice.found) {
    if (chosen && f.path === chosen.path) continue;
    if (f.unusable) lines.push(`found ${label(f)}: not used, ${f.unusable}`);
    else if (wanted && f.name !== wanted)
      lines.push(`found ${label(f)}: not used, --engine ${wanted} asks for ${DISPLAY_NAMES[wanted]}`);
    else
      lines.push(
        `found ${label(f)}: also usable, but ${chosenWhere(choice) === 'PATH' ? 'the engine on PATH comes first' : 'the pinned build comes first'}`,
      );
  }
  if (chosen) {
    const why = chosenWhere(choice) === 'PATH' ? 'the first on PATH' : 'the pinned build in the engines cache';
    lines.push(`using ${DISPLAY_NAMES[chosen.name]} v${chosen.version} at ${chosen.path} (${why})`);
    return lines;
  }
  const b = choice.build!;
  const kind = wanted ? DISPLAY_NAMES[wanted] : 'Terraform or OpenTofu';
  lines.push(
    `no usable ${kind} on PATH or in the engines cache (${path.join(choice.cacheDir, 'bin')})`,
    `building ${DISPLAY_NAMES[b.name]} v${b.version} only, from source with Go (\`bash scripts/engines.sh ${b.binary}\`): ` +
      `about ${b.estimate.packages} packages, about ${b.estimate.minutes} minutes on two cores, and up to about ` +
      `${b.estimate.cacheGB} GB in Go's module and build caches (~/go/pkg/mod, ~/.cache/go-build; \`go clean -modcache -cache\` frees them). ` +
      'It needs Go >= 1.22 and the Go module proxy (proxy.golang.org, or your GOPROXY). ' +
      `Installing ${DISPLAY_NAMES[b.name]} >= ${MINIMUM_VERSIONS[b.name].replace(/\.0$/, '')} on PATH instead skips this.`,
  );
  return lines;
}

/** The engine `opts` chooses, or undefined; never builds. */
export function findEngine(wanted?: EngineName, prefer: ChooseOptions['prefer'] = 'PATH'): DemoEngine | undefined {
  return chooseEngine({ wanted, prefer }).engine;
}

/** The engine `opts` chooses; builds only the one asked for when there is none, saying so first. */
export function findOrBuildEngine(
  wanted?: EngineName,
  prefer: ChooseOptions['prefer'] = 'PATH',
  say: (line: string) => void = (line) => console.log(`engine: ${line}`),
): DemoEngine {
  const choice = chooseEngine({ wanted, prefer });
  for (const line of describeChoice(choice, wanted)) say(line);
  if (choice.engine) return choice.engine;
  const build = choice.build!;
  const built = spawnSync('bash', [path.join(ROOT, 'scripts', 'engines.sh'), build.binary], { stdio: 'inherit' });
  const after = built.status === 0 ? chooseEngine({ wanted: build.name, prefer: 'pinned' }).engine : undefined;
  if (!after) {
    throw new Error(
      `no engine available: building ${DISPLAY_NAMES[build.name]} v${build.version} failed (see above). ` +
        `Install Terraform >= 1.8 or OpenTofu >= 1.6 on PATH, or install Go and run \`bash scripts/engines.sh ${build.binary}\``,
    );
  }
  say(`using ${DISPLAY_NAMES[after.name]} v${after.version} at ${after.path} (just built)`);
  return after;
}
