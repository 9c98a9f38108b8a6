// Command-line options of `npm run bench` (scripts/bench.ts).
import path from 'node:path';

export const SECTIONS = ['handshake', 'commands', 'scaling'] as const;
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
  aliases: number[];
  quick: boolean;
  skipGo: boolean;
  json: string;
  sections: Set<Section>;
}

export const USAGE =
  'usage: bench [--runs N] [--quick] [--json <file>] [--skip-go] [--only handshake,commands,scaling]';

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
  const r = runs ?? (quick ? 2 : 10);
  return {
    runs: r,
    handshakeRuns: runs ?? (quick ? 3 : 20),
    probeRuns: quick ? 1 : Math.min(3, r),
    scalingRuns: quick ? 1 : Math.max(1, Math.ceil(r / 2)),
    aliases: [1, 5, 20],
    quick,
    skipGo,
    json,
    sections,
  };
}
