// Where a command's time goes, per provider launch, from the trace runs: spawn -> handshake,
// handshake -> first RPC, RPC handling, the rest of the launch (engine work between RPCs), and
// shutdown; for our provider also the token exchange and the first API call (which loads got).
// Each cell is the median over the trace runs; launches are matched by their position.
import { launchAt, phasesOf, type LaunchPhases } from './engine-log';
import { launchesIn, type CommandRow } from './commands';
import { medianOf } from './stats';

export const PHASES = [
  'total',
  'spawnToHandshake',
  'handshakeToFirstRpc',
  'rpcs',
  'between',
  'shutdown',
  'tokenMs',
  'firstApiMs',
] as const;
export type Phase = (typeof PHASES)[number];
export type PhaseValues = Partial<Record<Phase, number>>;

export interface LaunchProfile extends PhaseValues {
  kind: string;
  maxRssKb?: number;
  /** API calls the emulator received while this launch ran, e.g. ["GET", "PUT"]. */
  apiCalls: string[];
}

export interface CommandProfile {
  row: string;
  launches: LaunchProfile[];
  /** Sums over the launches. */
  sum: PhaseValues;
  /** Traced wall time minus the launches: the engine's own work (config, state, graph). */
  engineOutsideLaunches?: number;
  tracedWallMs?: number;
}

export function profileOf(row: CommandRow): CommandProfile {
  const perRun = row.probes.map((run) => {
    const launches = launchesIn(run, row.provider);
    const phases = launches.map(phasesOf);
    const calls = launches.map(() => [] as string[]);
    for (const r of run.requests) {
      const i = launchAt(launches, Date.parse(r.at));
      if (i !== undefined) calls[i].push(r.method);
    }
    const totals = phases.map((p) => p.total);
    const sumTotal = totals.every((t) => t !== undefined) ? totals.reduce((s, t) => s + t, 0) : undefined;
    return { phases, calls, outside: sumTotal === undefined ? undefined : run.ms - sumTotal, wall: run.ms };
  });
  const n = perRun[0]?.phases.length ?? 0;
  const launches: LaunchProfile[] = [];
  for (let i = 0; i < n; i++) {
    const at = perRun.map((r) => r.phases[i]).filter((p): p is LaunchPhases => p !== undefined);
    const lp: LaunchProfile = {
      kind: at[0].kind,
      apiCalls: perRun[0].calls[i],
      maxRssKb: medianOf(at.map((p) => p.maxRssKb)),
    };
    for (const ph of PHASES) lp[ph] = medianOf(at.map((p) => p[ph]));
    if (!at.some((p) => p.tokenMs > 0)) delete lp.tokenMs;
    launches.push(lp);
  }
  const sum: PhaseValues = {};
  for (const ph of PHASES) {
    const values = launches.map((l) => l[ph]).filter((v): v is number => v !== undefined);
    if (values.length) sum[ph] = values.reduce((s, v) => s + v, 0);
  }
  return {
    row: row.id,
    launches,
    sum,
    engineOutsideLaunches: medianOf(perRun.map((r) => r.outside)),
    tracedWallMs: medianOf(perRun.map((r) => r.wall)),
  };
}
