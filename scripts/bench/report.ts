// Turns the measurements into the printed tables and the JSON document of `npm run bench`.
import type { HandshakeResult } from '../bench-handshake';
import type { CommandRow } from './commands';
import type { NodeMatrix } from './node-matrix';
import { PHASES, type CommandProfile, type Phase } from './profile';
import type { ScalingPoint } from './scaling';
import { quantile } from './stats';
import { fmtMb, fmtMs, fmtRatio, table, type Cell } from './table';

export interface Target {
  name: string;
  value?: number;
  unit: 'x' | 'MB' | 'ms';
  limit: number;
  met?: boolean;
}

export interface Memory {
  afterHandshakeKb?: number;
  goAfterHandshakeKb?: number;
  /** Peak RSS (maxRSS) of the launch that refreshed and planned, and its RSS at shutdown. */
  planLaunchMaxRssKb?: number;
  planLaunchRssAtShutdownKb?: number;
  /** Peak over every launch of the plan and of the apply. */
  planMaxRssKb?: number;
  applyMaxRssKb?: number;
}

export interface ApplyCheck {
  /** API calls of the whole `apply` command (its refresh included). */
  GET: number;
  PUT: number;
  /** The apply step (the launch that served ApplyResourceChange) made exactly one GET and one PUT. */
  exactlyOneEach: boolean;
  /** API calls per launch of the apply, e.g. { 'refresh+plan': ['GET'], apply: ['GET', 'PUT'] }. */
  byLaunch: { kind: string; calls: string[] }[];
}

export function handshakeTable(h: HandshakeResult): string {
  const row = (label: string, s: number[], rss?: number[], note = ''): Cell[] => [
    label,
    fmtMs(quantile(s, 0.5), 1),
    fmtMs(s[0], 1),
    fmtMs(quantile(s, 0.9), 1),
    rss?.length ? fmtMb(quantile(rss, 0.5)) : '',
    note,
  ];
  const rows: Cell[][] = [
    row('node -e 0 (spawn -> exit)', h.node),
    row('node loading net, tls, crypto, http2', h.nodeStack, undefined, 'spawn -> exit: the floor of a Node plugin'),
    row('ours: spawn -> handshake', h.provider, h.rssKb.provider, 'installed launcher, warm code cache'),
    row(`  cold code cache (${h.coldRuns} runs)`, h.cold),
    row('  PARTNERCENTER_CODE_CACHE=off', h.cacheOff),
    row('  node <bundle> (no launcher/loader)', h.direct),
  ];
  if (h.go) rows.push(row('Go restapi: spawn -> handshake', h.go, h.rssKb.go));
  return (
    table(['', '>median', '>min', '>p90', '>VmRSS', ''], rows) +
    `\n  ratio ours / node -e 0 (median): ${fmtRatio(h.ratio)}; the plugin stack alone / node -e 0: ` +
    fmtRatio(quantile(h.nodeStack, 0.5) / quantile(h.node, 0.5))
  );
}

const apiText = (r: CommandRow) =>
  Object.entries(r.api)
    .map(([m, n]) => `${m} ${n}`)
    .join(', ') || 'none';

export function commandsTable(rows: CommandRow[]): string {
  return table(
    ['command', 'provider', 'engine', '>median', '>min', '>p90', '>launches', 'API calls', '>token exch.'],
    rows.map((r) => [
      r.op,
      r.label,
      r.engine,
      fmtMs(r.wallMs.median),
      fmtMs(r.wallMs.min),
      fmtMs(r.wallMs.p90),
      r.launches,
      apiText(r) + (r.apiStable ? '' : ' (varied between runs)'),
      r.tokenExchanges,
    ]),
  );
}

export function applyCheckText(c: ApplyCheck): string {
  const split = c.byLaunch
    .filter((l) => l.calls.length)
    .map((l) => `${l.kind} launch: ${l.calls.join(' + ')}`)
    .join('; ');
  // The refresh's GET belongs to Terraform's plan phase (every provider reads there; restapi twice).
  // The apply step re-reads once on purpose: the ETag check against the plan (docs/architecture.md §7.2).
  const whole = `whole command ${c.GET} GET + ${c.PUT} PUT: ${split}`;
  return c.exactlyOneEach
    ? `  CHECK apply step of one change by our provider = exactly 1 GET (ETag check) + 1 PUT: yes (${whole})`
    : `  CHECK apply step of one change by our provider = exactly 1 GET (ETag check) + 1 PUT: NO (${whole})`;
}

export function memoryTable(m: Memory): string {
  return table(
    ['our provider', '>RSS'],
    [
      ['after the handshake (VmRSS, median)', fmtMb(m.afterHandshakeKb)],
      ['plan: refresh+plan launch, peak (maxRSS)', fmtMb(m.planLaunchMaxRssKb)],
      ['plan: refresh+plan launch, at shutdown', fmtMb(m.planLaunchRssAtShutdownKb)],
      ['plan: peak over all launches', fmtMb(m.planMaxRssKb)],
      ['apply: peak over all launches', fmtMb(m.applyMaxRssKb)],
      ['(Go restapi after the handshake, VmRSS)', fmtMb(m.goAfterHandshakeKb)],
    ],
  );
}

export function scalingTable(points: ScalingPoint[]): string {
  // Marginal cost of one more alias, against the smallest point.
  const first = points[0];
  const perAlias = (p: ScalingPoint, of: (x: ScalingPoint) => number | undefined) => {
    const a = of(p);
    const b = of(first);
    return p === first || a === undefined || b === undefined ? undefined : (a - b) / (p.aliases - first.aliases);
  };
  return table(
    [
      '>aliases',
      '>ours',
      '>Go',
      '>ours / Go',
      '>+1 alias ours / Go',
      '>launches ours / Go',
      '>API calls ours / Go',
      '>ours peak RSS',
    ],
    points.map((p) => [
      p.aliases,
      fmtMs(p.ours.wallMs.median),
      fmtMs(p.go?.wallMs.median),
      fmtRatio(p.go ? p.ours.wallMs.median / p.go.wallMs.median : undefined),
      p === first
        ? '-'
        : `${fmtMs(perAlias(p, (x) => x.ours.wallMs.median))} / ${fmtMs(perAlias(p, (x) => x.go?.wallMs.median))}`,
      `${p.ours.launches} / ${p.go?.launches ?? '-'}`,
      `${p.ours.apiCalls} / ${p.go?.apiCalls ?? '-'}`,
      fmtMb(p.ours.maxRssKb),
    ]),
  );
}

const PHASE_LABEL: Record<Phase, string> = {
  total: 'total',
  spawnToHandshake: 'spawn->handshake',
  handshakeToFirstRpc: 'handshake->1st RPC',
  rpcs: 'RPCs',
  between: 'between RPCs',
  shutdown: 'Close->exit',
  tokenMs: 'token exch.',
  firstApiMs: '1st API call',
};

/** One table per command: launches side by side, "ours / Go" in every cell. */
export function profileTable(title: string, ours: CommandProfile, go?: CommandProfile): string {
  const pair = (a?: number, b?: number) => (go ? `${fmtMs(a)} / ${fmtMs(b)}` : fmtMs(a));
  const phases = PHASES.filter((p) => p !== 'tokenMs' || ours.sum.tokenMs !== undefined);
  const rows: Cell[][] = ours.launches.map((l, i) => [
    `#${i + 1} ${l.kind}`,
    ...phases.map((ph) => pair(l[ph], go?.launches[i]?.[ph])),
    [l.apiCalls.join('+') || '-', go ? go.launches[i]?.apiCalls.join('+') || '-' : undefined]
      .filter((x) => x !== undefined)
      .join(' / '),
    fmtMb(l.maxRssKb),
  ]);
  const blank = phases.slice(1).map(() => '');
  rows.push(['sum of launches', ...phases.map((ph) => pair(ours.sum[ph], go?.sum[ph])), '', '']);
  rows.push(['engine outside launches', pair(ours.engineOutsideLaunches, go?.engineOutsideLaunches), ...blank, '', '']);
  rows.push(['whole command (traced)', pair(ours.tracedWallMs, go?.tracedWallMs), ...blank, '', '']);
  return (
    `  ${title}\n` +
    table(['launch', ...phases.map((p) => `>${PHASE_LABEL[p]}`), 'API calls', '>ours peak RSS'], rows, '    ')
  );
}

export function targetsTable(targets: Target[]): string {
  return table(
    ['target', '>measured', '>limit', 'met'],
    targets.map((t) => [
      t.name,
      t.value === undefined
        ? '-'
        : t.unit === 'x'
          ? fmtRatio(t.value)
          : `${t.value.toFixed(t.unit === 'ms' ? 0 : 1)} ${t.unit}`,
      t.unit === 'x' ? `<= ${t.limit}x` : `<= ${t.limit} ${t.unit}`,
      t.met === undefined ? 'n/a' : t.met ? 'yes' : 'NO',
    ]),
  );
}

/** The JSON document: every number printed, plus the raw samples; trace logs left out. */
export function toJson(doc: Record<string, unknown>): string {
  return JSON.stringify(
    doc,
    (key: string, value: unknown) => {
      if (key === 'probes') return undefined;
      if (typeof value === 'number') return Math.round(value * 100) / 100; // µs noise is not data
      return value;
    },
    2,
  );
}

/** Node 20 / 22 / 24 x NODE_EXTRA_CA_CERTS unset / set, ours against `node -e 0` and the Go provider. */
export function nodeMatrixTable(m: NodeMatrix): string {
  const goPlan = m.go?.plan.median;
  const goApply = m.go?.apply.median;
  const ratio = (a?: number, b?: number) => fmtRatio(a !== undefined && b ? a / b : undefined);
  const rows: Cell[][] = m.cells.map((c) => [
    c.node,
    c.caFile ? 'set' : 'unset',
    fmtMs(c.bareNodeMs, 1),
    fmtMs(c.handshakeMs, 1),
    ratio(c.handshakeMs, c.bareNodeMs),
    fmtMs(c.plan.median),
    ratio(c.plan.median, goPlan),
    fmtMs(c.apply.median),
    ratio(c.apply.median, goApply),
    fmtMb(c.planRssKb),
    c.applyLaunchCalls ? c.applyLaunchCalls.join(' + ') || 'none' : '?',
  ]);
  const head = [
    'node',
    'NODE_EXTRA_CA_CERTS',
    '>node -e 0',
    '>handshake',
    '>/ node',
    '>plan',
    '>/ Go',
    '>apply',
    '>/ Go',
    '>RSS end of plan',
    'apply launch calls',
  ];
  const go = m.go
    ? `\n  Go restapi (same engine and emulator; it does not read NODE_EXTRA_CA_CERTS): plan ${fmtMs(goPlan)}, apply ${fmtMs(goApply)}`
    : '';
  const missing = m.missing.map((x) => `\n  not measured: ${x}`).join('');
  return table(head, rows) + go + missing;
}
