// The Node matrix of `npm run bench`: our provider on Node 20 (the node running the bench), 22 and
// 24 (the pinned builds of `npm run nodes`, test/support/node-versions.ts), each with
// NODE_EXTRA_CA_CERTS unset and set, against the Go provider on the same engine and emulator. Per
// cell: `node -e 0`, spawn -> handshake, plan and apply wall times, the RSS at the end of the
// plan's refresh launch, and the API calls of the apply launch. The launcher picks the node of
// PARTNERCENTER_NODE, as a user would set it.
import { existsSync } from 'node:fs';
import { baseEnv, launchEnv, sample, timeBareNode, timeHandshake } from '../bench-handshake';
import type { DemoEngine } from '../demo/engine';
import { cachedNode, type NodeMajor } from '../node-locator';
import { launchAt, launchKind, launchesOf, parseLaunches } from './engine-log';
import { quantile, summarize, type Summary } from './stats';
import { EXECUTABLE_PREFIX, Target, type ObservedRun } from './targets';
import type { Workspace } from './workspace';

export interface MatrixNode {
  version: string;
  path: string;
}

export interface MatrixCell {
  node: string;
  /** NODE_EXTRA_CA_CERTS for this cell: the file, or undefined (unset). */
  caFile?: string;
  bareNodeMs: number;
  handshakeMs: number;
  handshakeRssKb?: number;
  plan: Summary;
  apply: Summary;
  /** VmRSS at the end of the plan's refresh+plan launch (its shutdown line), KiB. */
  planRssKb?: number;
  /** API calls of the launch that served ApplyResourceChange, e.g. ["GET", "PUT"]. */
  applyLaunchCalls?: string[];
}

export interface NodeMatrix {
  cells: MatrixCell[];
  go?: { plan: Summary; apply: Summary };
  /** Versions that could not be measured, with the reason (e.g. not in the cache). */
  missing: string[];
}

export interface MatrixOptions {
  runs: number;
  handshakeRuns: number;
  terraform: DemoEngine;
  withGo: boolean;
  log: (line: string) => void;
}

/** The nodes to measure: this one, then the pinned 22 and 24 when the cache has them. */
export function matrixNodes(): { nodes: MatrixNode[]; missing: string[] } {
  const nodes: MatrixNode[] = [{ version: process.versions.node, path: process.execPath }];
  const missing: string[] = [];
  for (const major of ['22', '24'] as NodeMajor[]) {
    if (process.versions.node.startsWith(`${major}.`)) continue;
    try {
      const n = cachedNode(major);
      nodes.push({ version: n.version, path: n.path });
    } catch (err) {
      missing.push(`Node ${major}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { nodes, missing };
}

/** The CA file of the "set" cells: the user's NODE_EXTRA_CA_CERTS, else the system bundle. */
export function matrixCaFile(): string | undefined {
  const given = process.env.NODE_EXTRA_CA_CERTS;
  if (given && existsSync(given)) return given;
  const system = '/etc/ssl/certs/ca-certificates.crt';
  return existsSync(system) ? system : undefined;
}

function cellEnv(node: MatrixNode, caFile: string | undefined): NodeJS.ProcessEnv {
  return { PARTNERCENTER_NODE: node.path, ...(caFile ? { NODE_EXTRA_CA_CERTS: caFile } : {}) };
}

/** Calls per launch of a traced command, and the RSS of its refresh launch. */
function probeFacts(run: ObservedRun): { applyCalls?: string[]; refreshRssKb?: number } {
  if (!run.log) return {};
  const launches = launchesOf(parseLaunches(run.log), EXECUTABLE_PREFIX.ours);
  const calls = launches.map(() => [] as string[]);
  for (const r of run.requests) {
    const i = launchAt(launches, Date.parse(r.at));
    if (i !== undefined) calls[i].push(r.method);
  }
  const kinds = launches.map(launchKind);
  const apply = kinds.indexOf('apply');
  const refresh = kinds.indexOf('refresh+plan');
  return {
    applyCalls: apply >= 0 ? calls[apply] : undefined,
    refreshRssKb: refresh >= 0 ? launches[refresh].rssKb : undefined,
  };
}

export async function measureNodeMatrix(ws: Workspace, o: MatrixOptions): Promise<NodeMatrix> {
  const { nodes, missing } = matrixNodes();
  for (const m of missing) o.log(`node matrix: skipped ${m}`);
  const caFile = matrixCaFile();
  if (!caFile) missing.push('NODE_EXTRA_CA_CERTS set: no CA file (neither NODE_EXTRA_CA_CERTS nor the system bundle)');
  const configs = nodes.flatMap((node) =>
    [undefined, caFile].filter((c, i) => i === 0 || c).map((ca) => ({ node, ca })),
  );

  // Start-up: the installed launcher with a warm code cache, against `node -e 0`, same env.
  const startup = new Map<(typeof configs)[number], { bare: number; handshake: number; rssKb?: number }>();
  for (const c of configs) {
    o.log(`node matrix: start-up on Node ${c.node.version}, NODE_EXTRA_CA_CERTS ${c.ca ? 'set' : 'unset'}`);
    const env = { ...baseEnv(), ...(c.ca ? { NODE_EXTRA_CA_CERTS: c.ca } : {}), XDG_CACHE_HOME: ws.cacheHome };
    const bare = await sample(o.handshakeRuns, () => timeBareNode(env, c.node.path));
    const hs = await sample(o.handshakeRuns, () => timeHandshake(ws.ourExecutable, [], launchEnv(env, c.node.path)));
    startup.set(c, {
      bare: quantile(bare.ms, 0.5),
      handshake: quantile(hs.ms, 0.5),
      rssKb: hs.rssKb.length ? quantile(hs.rssKb, 0.5) : undefined,
    });
  }

  const targets: Target[] = [];
  try {
    o.log('node matrix: setting up (init, first apply)');
    const ours = await Target.create(
      { id: 'matrix-ours', label: 'ours', provider: 'ours', auth: 'static', engine: o.terraform },
      ws,
    );
    targets.push(ours);
    await ours.setup();
    let go: Target | undefined;
    if (o.withGo) {
      go = await Target.create({ id: 'matrix-go', label: 'Go restapi', provider: 'go', engine: o.terraform }, ws);
      targets.push(go);
      await go.setup();
    }
    const plans = new Map(configs.map((c) => [c, [] as number[]]));
    const applies = new Map(configs.map((c) => [c, [] as number[]]));
    const goPlans: number[] = [];
    const goApplies: number[] = [];
    // Round 0 is the warm-up (it also fills each node's code cache).
    for (let round = 0; round <= o.runs; round++) {
      o.log(`node matrix: ${round ? `round ${round}/${o.runs}` : 'warm-up'}`);
      for (const c of configs) {
        const env = cellEnv(c.node, c.ca);
        const p = await ours.plan(env);
        const a = await ours.apply(env);
        if (round) plans.get(c)!.push(p.ms);
        if (round) applies.get(c)!.push(a.ms);
      }
      if (go) {
        const p = await go.plan();
        const a = await go.apply();
        if (round) goPlans.push(p.ms);
        if (round) goApplies.push(a.ms);
      }
    }
    const cells: MatrixCell[] = [];
    for (const c of configs) {
      const env = cellEnv(c.node, c.ca);
      const plan = probeFacts(await ours.probe('plan', env));
      const apply = probeFacts(await ours.probe('apply', env));
      const s = startup.get(c)!;
      cells.push({
        node: c.node.version,
        caFile: c.ca,
        bareNodeMs: s.bare,
        handshakeMs: s.handshake,
        handshakeRssKb: s.rssKb,
        plan: summarize(plans.get(c)!),
        apply: summarize(applies.get(c)!),
        planRssKb: plan.refreshRssKb,
        applyLaunchCalls: apply.applyCalls,
      });
    }
    return {
      cells,
      go: go ? { plan: summarize(goPlans), apply: summarize(goApplies) } : undefined,
      missing,
    };
  } finally {
    await Promise.all(targets.map((t) => t.close()));
  }
}
