// Whole engine commands against the emulator: plan and apply by our provider (static access
// token, and the refresh-token exchange as an extra row) and by the Go provider, plus the
// engine alone on an empty configuration; the plans again on OpenTofu. Rows are sampled in
// rounds (one run of every row per round) so a load change on the machine hits all rows alike.
// Then a few TF_LOG=trace runs of each row give launches, RSS lines and the profile.
import type { DemoEngine } from '../demo/engine';
import { launchesOf, parseLaunches, type Launch } from './engine-log';
import { summarize, type Summary } from './stats';
import { EXECUTABLE_PREFIX, Target, type ObservedRun, type TargetSpec } from './targets';
import type { Workspace } from './workspace';

export type Op = 'plan' | 'apply';

export interface CommandRow {
  id: string;
  op: Op;
  engine: string;
  provider: TargetSpec['provider'];
  auth?: TargetSpec['auth'];
  label: string;
  wallMs: Summary;
  /** Provider processes the engine started for one command (from the trace runs). */
  launches?: number;
  /** API calls per command by method, and token exchanges, as the emulator logged them. */
  api: Record<string, number>;
  tokenExchanges: number;
  /** True when every timed run made the same calls. */
  apiStable: boolean;
  probes: ObservedRun[];
}

export interface CommandsOptions {
  runs: number;
  probeRuns: number;
  terraform: DemoEngine;
  tofu?: DemoEngine;
  withGo: boolean;
  log: (line: string) => void;
}

interface Measurement {
  id: string;
  op: Op;
  target: Target;
}

const countBy = (run: ObservedRun): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of run.requests) out[r.method] = (out[r.method] ?? 0) + 1;
  return out;
};

export function launchesIn(run: ObservedRun, provider: TargetSpec['provider']): Launch[] {
  if (!run.log || provider === 'none') return [];
  return launchesOf(parseLaunches(run.log), EXECUTABLE_PREFIX[provider]);
}

export async function measureCommands(ws: Workspace, o: CommandsOptions): Promise<CommandRow[]> {
  const specs: TargetSpec[] = [];
  const engines = [o.terraform, ...(o.tofu ? [o.tofu] : [])];
  for (const engine of engines) {
    const tf = engine.name === 'terraform';
    specs.push({ id: `${engine.name}-ours`, label: 'ours, static token', provider: 'ours', auth: 'static', engine });
    if (o.withGo) specs.push({ id: `${engine.name}-go`, label: 'Go restapi', provider: 'go', engine });
    if (tf)
      specs.push({
        id: `${engine.name}-ours-refresh`,
        label: 'ours, refresh token',
        provider: 'ours',
        auth: 'refresh',
        engine,
      });
    if (tf) specs.push({ id: `${engine.name}-empty`, label: 'engine alone (empty config)', provider: 'none', engine });
  }

  const targets: Target[] = [];
  try {
    for (const spec of specs) {
      o.log(`setting up ${spec.engine.name} / ${spec.label} (init, first apply)`);
      const t = await Target.create(spec, ws);
      targets.push(t);
      await t.setup();
    }
    // Plans first, then applies: each row's runs stay comparable, rounds keep the rows interleaved.
    const measurements: Measurement[] = [];
    for (const op of ['plan', 'apply'] as Op[]) {
      for (const t of targets) {
        if (op === 'apply' && (t.spec.provider === 'none' || t.spec.engine.name !== 'terraform')) continue;
        measurements.push({ id: `${t.spec.engine.name}.${op}.${t.spec.id.replace(/^[a-z]+-/, '')}`, op, target: t });
      }
    }
    o.log(`warm-up: one run of each of ${measurements.length} rows`);
    for (const m of measurements) await m.target[m.op]();
    const runs = new Map<Measurement, ObservedRun[]>(measurements.map((m) => [m, []]));
    for (let round = 1; round <= o.runs; round++) {
      o.log(`round ${round}/${o.runs}`);
      for (const m of measurements) runs.get(m)!.push(await m.target[m.op]());
    }
    o.log(`trace runs (TF_LOG=trace): ${o.probeRuns} of each row`);
    const probes = new Map<Measurement, ObservedRun[]>(measurements.map((m) => [m, []]));
    for (let i = 0; i < o.probeRuns; i++) for (const m of measurements) probes.get(m)!.push(await m.target.probe(m.op));

    return measurements.map((m) => {
      const timed = runs.get(m)!;
      const api = countBy(timed[timed.length - 1]);
      const key = (r: ObservedRun) => JSON.stringify([countBy(r), r.tokenRequests.length]);
      const spec = m.target.spec;
      return {
        id: m.id,
        op: m.op,
        engine: `${spec.engine.name} ${spec.engine.version}`,
        provider: spec.provider,
        auth: spec.auth,
        label: spec.label,
        wallMs: summarize(timed.map((r) => r.ms)),
        launches: spec.provider === 'none' ? 0 : launchesIn(probes.get(m)![0], spec.provider).length,
        api,
        tokenExchanges: timed[timed.length - 1].tokenRequests.length,
        apiStable: timed.every((r) => key(r) === key(timed[0])),
        probes: probes.get(m)!,
      };
    });
  } finally {
    await Promise.all(targets.map((t) => t.close()));
  }
}
