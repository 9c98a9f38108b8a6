// Reads a TF_LOG=trace engine log (Terraform and OpenTofu print the same go-plugin lines) into
// provider launches: when each was started, when its handshake was read, its first RPC, the
// engine's Close, the process exit, and what the provider itself logged in between (RPC
// durations, API calls and token exchanges, resource usage at shutdown).
//
// Launches of one command are sequential for a single provider configuration, so provider lines
// and engine RPC lines belong to the latest launch still running. With concurrent launches
// (provider aliases) only the counts and the resource-usage lines are meaningful.

export interface Launch {
  path: string;
  pid?: number;
  start: number;
  handshake?: number;
  firstRpc?: number;
  close?: number;
  exit?: number;
  /** Provider-side handling time per RPC (ours: "RPC finished"; terraform-plugin-go: "Received downstream response"). */
  rpcs: { name: string; ms: number }[];
  /** Our provider's own API call and token exchange lines. */
  api: { method: string; ms: number }[];
  tokenMs: number[];
  maxRssKb?: number;
  rssKb?: number;
}

const ENTRY = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) \[(\w+)\]\s+(.*)$/;
const field = (text: string, key: string): string | undefined => new RegExp(`(?:^|\\s)${key}=(\\S+)`).exec(text)?.[1];
const num = (text: string, key: string): number | undefined => {
  const v = field(text, key);
  return v === undefined ? undefined : Number(v);
};

export function parseLaunches(log: string): Launch[] {
  const launches: Launch[] = [];
  const open = () => {
    for (let i = launches.length - 1; i >= 0; i--) if (launches[i].exit === undefined) return launches[i];
    return undefined;
  };
  for (const line of log.split('\n')) {
    const m = ENTRY.exec(line);
    if (!m) continue; // continuation lines of multi-line messages
    const at = Date.parse(m[1]);
    const text = m[3];
    let g: RegExpExecArray | null;
    if ((g = /^provider: starting plugin: path=(\S+)/.exec(text))) {
      launches.push({ path: g[1], start: at, rpcs: [], api: [], tokenMs: [] });
    } else if ((g = /^provider: plugin started: path=(\S+) pid=(\d+)/.exec(text))) {
      const l = [...launches].reverse().find((x) => x.path === g![1] && x.pid === undefined);
      if (l) l.pid = Number(g[2]);
    } else if ((g = /^provider: plugin process exited: (?:path|plugin)=(\S+) (?:pid|id)=(\d+)/.exec(text))) {
      // go-plugin < 1.5 (Terraform 1.8, OpenTofu 1.6) logs path= pid=; newer ones (Terraform
      // 1.11, OpenTofu 1.12) plugin= id=. A launch never seen to exit would swallow the API calls
      // of every later launch (launchAt), and would stay "open" for the provider's log lines.
      const l = launches.find((x) => x.pid === Number(g![2]));
      if (l) l.exit = at;
    } else if (/^provider: using plugin: version=/.test(text)) {
      const l = launches.find((x) => x.handshake === undefined && x.exit === undefined);
      if (l) l.handshake = at;
    } else if ((g = /^GRPCProvider(?:\.v\d)?: (\w+)/.exec(text))) {
      const l = open();
      if (!l) continue;
      if (g[1] === 'Close') l.close ??= at;
      else l.firstRpc ??= at;
    } else if ((g = /^provider\.terraform-provider-[^:]+: (.*)$/.exec(text))) {
      const l = open();
      if (l) providerLine(l, g[1]);
    }
  }
  return launches;
}

function providerLine(l: Launch, text: string): void {
  if (text.startsWith('RPC finished:') || text.startsWith('Received downstream response:')) {
    const name = field(text, 'tf_rpc');
    const ms = num(text, 'duration_ms') ?? num(text, 'tf_req_duration_ms');
    if (name && name !== 'Shutdown' && ms !== undefined) l.rpcs.push({ name, ms });
  } else if (text.startsWith('Partner Center API call:')) {
    l.api.push({ method: field(text, 'method') ?? '?', ms: num(text, 'duration_ms') ?? NaN });
  } else if (text.startsWith('Entra ID token exchange:')) {
    l.tokenMs.push(num(text, 'duration_ms') ?? NaN);
  } else if (text.startsWith('Provider resource usage:')) {
    l.maxRssKb = num(text, 'max_rss_kb');
    l.rssKb = num(text, 'rss_kb');
  }
}

/** Launches of the provider whose executable name starts with `executablePrefix`. */
export function launchesOf(launches: Launch[], executablePrefix: string): Launch[] {
  return launches.filter((l) => l.path.split('/').pop()!.startsWith(executablePrefix));
}

/** What the engine made the launch do, from the RPCs the provider served. */
export function launchKind(l: Launch): string {
  const names = new Set(l.rpcs.map((r) => r.name));
  if (names.has('ApplyResourceChange')) return 'apply';
  if (names.has('ReadResource') || names.has('ReadDataSource')) return 'refresh+plan';
  if (names.has('PlanResourceChange')) return 'plan';
  if ([...names].some((n) => /^(Validate|Prepare)/.test(n))) return 'validate';
  if (names.has('GetProviderSchema')) return 'schema';
  return 'other';
}

/** Phases of one launch in ms (undefined where the log lacks a line). */
export interface LaunchPhases {
  kind: string;
  total?: number;
  /** spawn -> the engine has read the handshake line. */
  spawnToHandshake?: number;
  /** handshake -> first RPC sent (gRPC connection, TLS handshake, engine work). */
  handshakeToFirstRpc?: number;
  /** Sum of the provider-side RPC handling times. */
  rpcs: number;
  /** Close sent (go-plugin's Shutdown) -> process exit seen. */
  shutdown?: number;
  /** The rest of the launch: engine work between RPCs, gRPC transport. */
  between?: number;
  tokenMs: number;
  firstApiMs?: number;
  apiCalls: number;
  /** Our provider's peak RSS (KiB) in this launch, from its shutdown log line. */
  maxRssKb?: number;
}

export function phasesOf(l: Launch): LaunchPhases {
  const d = (a?: number, b?: number) => (a !== undefined && b !== undefined ? b - a : undefined);
  const total = d(l.start, l.exit);
  const spawnToHandshake = d(l.start, l.handshake);
  const handshakeToFirstRpc = d(l.handshake, l.firstRpc);
  const rpcs = l.rpcs.reduce((s, r) => s + r.ms, 0);
  const shutdown = d(l.close, l.exit);
  const known = [total, spawnToHandshake, handshakeToFirstRpc, shutdown];
  const between = known.every((v) => v !== undefined)
    ? total! - spawnToHandshake! - handshakeToFirstRpc! - rpcs - shutdown!
    : undefined;
  return {
    kind: launchKind(l),
    total,
    spawnToHandshake,
    handshakeToFirstRpc,
    rpcs,
    shutdown,
    between,
    tokenMs: l.tokenMs.reduce((s, v) => s + v, 0),
    firstApiMs: l.api[0]?.ms,
    apiCalls: l.api.length,
    maxRssKb: l.maxRssKb,
  };
}

/** The launch (index) whose lifetime contains `at` (ms since the epoch), if any. */
export function launchAt(launches: Launch[], at: number): number | undefined {
  // Engine log times have ms resolution: allow 1 ms either side. A launch whose exit line is
  // missing ends, at the latest, where the next one starts (launches of one provider configuration
  // are sequential), so it cannot take the calls of later launches.
  const i = launches.findIndex((l, k) => {
    const end = l.exit ?? launches[k + 1]?.start ?? Infinity;
    return l.start - 1 <= at && at <= end + 1;
  });
  return i >= 0 ? i : undefined;
}
