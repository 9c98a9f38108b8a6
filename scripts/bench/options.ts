// Command-line options of `npm run bench` (scripts/bench.ts).
import path from 'node:path';

export const SECTIONS = ['handshake', 'commands', 'nodes', 'scaling'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Timed runs per row, after one untimed warm-up run. */
  runs: number;
  /** Handshake samples per row (process starts are cheap: more of them). */
  handshakeRuns: number;
  /** TF_LOG=trace runs per command, for launches, API calls, RSS and the profile. */
  probeRuns: number;
  /** Timed runs per scaling point. */
  scalingRuns: number;
  /** Timed plan + apply runs per cell of the Node matrix (Node 20/22/24 x NODE_EXTRA_CA_CERTS). */
  matrixRuns: number;
  /** Start-up samples per cell of the Node matrix. */
  matrixHandshakeRuns: number;
  aliases: number[];
  quick: boolean;
  skipGo: boolean;
  json: string;
  sections: Set<Section>;
}

export const USAGE =
  'usage: bench [--runs N] [--quick] [--json <file>] [--skip-go] [--only handshake,commands,nodes,scaling]';

export const HELP = `${USAGE}

  --runs N     timed runs per row (default 7; start-up: N samples, default 20)
  --quick      2 runs per row, 1 trace run: a smoke test of the benchmark, not numbers to keep
  --json FILE  where the JSON goes (default ./bench-results.json)
  --skip-go    without the Go provider (no Go toolchain needed)
  --only LIST  sections: handshake (start-up), commands (plan/apply, memory, profile),
               nodes (Node 20/22/24 x NODE_EXTRA_CA_CERTS unset/set), scaling (provider aliases)`;

export function parseOptions(argv: string[], root: string): BenchOptions {
  const value = (i: number) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${argv[i]} needs a value; ${USAGE}`);
    return v;
  };
  let runs: number | undefined;
  let quick = false;
  let skipGo = false;
  let json = path.join(root, 'bench-results.json');
  let sections = new Set<Section>(SECTIONS);
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--runs':
        runs = Number(value(i++));
        if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer; ${USAGE}`);
        break;
      case '--help':
      case '-h':
        throw new HelpRequested();
      case '--quick':
        quick = true;
        break;
      case '--skip-go':
        skipGo = true;
        break;
      case '--json':
        json = path.resolve(value(i++));
        break;
      case '--only': {
        const names = value(i++).split(',');
        const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
        if (bad.length) throw new Error(`unknown section ${bad.join(', ')}; ${USAGE}`);
        sections = new Set(names as Section[]);
        break;
      }
      default:
        throw new Error(`unexpected argument "${argv[i]}"; ${USAGE}`);
    }
  }
  const r = runs ?? (quick ? 2 : 7);
  return {
    runs: r,
    handshakeRuns: runs ?? (quick ? 3 : 20),
    probeRuns: quick ? 1 : Math.min(3, r),
    scalingRuns: quick ? 1 : Math.max(1, Math.ceil(r / 2)),
    matrixRuns: quick ? 1 : Math.max(1, Math.ceil(r / 2)),
    matrixHandshakeRuns: runs ?? (quick ? 3 : 10),
    aliases: [1, 5, 20],
    quick,
    skipGo,
    json,
    sections,
  };
}

/** Thrown by parseOptions for --help: the caller prints HELP and exits 0. */
export class HelpRequested extends Error {}
