// How plan time grows with provider aliases (each alias is one more provider process): our
// provider with N aliases each reading the profile through the data source, the Go provider
// with N aliases each refreshing a restapi_object. Static access tokens on both sides.
import type { DemoEngine } from '../demo/engine';
import { launchesIn } from './commands';
import { summarize, type Summary } from './stats';
import { Target, type ObservedRun, type TargetSpec } from './targets';
import type { Workspace } from './workspace';

export interface ScalingPoint {
  aliases: number;
  ours: { wallMs: Summary; launches: number; apiCalls: number; maxRssKb?: number };
  go?: { wallMs: Summary; launches: number; apiCalls: number };
}

export interface ScalingOptions {
  aliases: number[];
  runs: number;
  terraform: DemoEngine;
  withGo: boolean;
  log: (line: string) => void;
}

export async function measureScaling(ws: Workspace, o: ScalingOptions): Promise<ScalingPoint[]> {
  const targets: Target[] = [];
  try {
    const pairs: { n: number; ours: Target; go?: Target }[] = [];
    for (const n of o.aliases) {
      o.log(`setting up ${n} alias(es)`);
      const make = async (provider: TargetSpec['provider'], label: string) => {
        const t = await Target.create(
          { id: `scale-${provider}-${n}`, label, provider, auth: 'static', engine: o.terraform, aliases: n },
          ws,
        );
        targets.push(t);
        await t.setup();
        return t;
      };
      pairs.push({
        n,
        ours: await make('ours', 'ours, data source'),
        go: o.withGo ? await make('go', 'Go restapi_object') : undefined,
      });
    }
    const all = pairs.flatMap((p) => [p.ours, ...(p.go ? [p.go] : [])]);
    for (const t of all) await t.plan(); // warm-up
    const runs = new Map<Target, ObservedRun[]>(all.map((t) => [t, []]));
    for (let round = 1; round <= o.runs; round++) {
      o.log(`scaling round ${round}/${o.runs}`);
      for (const t of all) runs.get(t)!.push(await t.plan());
    }
    const point = async (t: Target) => {
      const probe = await t.probe('plan');
      const launches = launchesIn(probe, t.spec.provider);
      const rss = launches.map((l) => l.maxRssKb).filter((v): v is number => v !== undefined);
      return {
        wallMs: summarize(runs.get(t)!.map((r) => r.ms)),
        launches: launches.length,
        apiCalls: probe.requests.length,
        maxRssKb: rss.length ? Math.max(...rss) : undefined,
      };
    };
    const out: ScalingPoint[] = [];
    for (const p of pairs) {
      const ours = await point(p.ours);
      const go = p.go ? await point(p.go) : undefined;
      out.push({ aliases: p.n, ours, go: go && { wallMs: go.wallMs, launches: go.launches, apiCalls: go.apiCalls } });
    }
    return out;
  } finally {
    await Promise.all(targets.map((t) => t.close()));
  }
}
