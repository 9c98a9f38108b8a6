// `npm run bench`: one benchmark of our provider against the Go provider it replaces, on the same
// engines and the same emulator, printed as tables of medians and ratios measured in the same
// run, and written as JSON (default ./bench-results.json). A benchmark, not a test: it never
// fails on a time; it fails only when a command fails or behaves unexpectedly.
//
//   npm run bench [-- --runs N] [--quick] [--json <file>] [--skip-go] [--only handshake,commands,nodes,scaling]
//   npm run bench -- --help
//
// Sections: start-up (scripts/bench-handshake.ts), plan/apply against the emulator with launch
// and API call counts, memory, the Node matrix (Node 20/22/24 x NODE_EXTRA_CA_CERTS unset/set,
// scripts/bench/node-matrix.ts), scaling with provider aliases, and a per-launch profile of where
// plan and apply time goes. The Go provider (Mastercard's terraform-provider-restapi v1.20.0) is
// built once by scripts/go-provider.sh into the engines cache.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureHandshake, type HandshakeResult } from './bench-handshake';
import { measureCommands, type CommandRow } from './bench/commands';
import { RESTAPI_VERSION } from './bench/configs';
import { ensureGoProvider } from './bench/go-provider';
import { HELP, HelpRequested, parseOptions } from './bench/options';
import { measureNodeMatrix, type NodeMatrix } from './bench/node-matrix';
import { profileOf, type CommandProfile } from './bench/profile';
import {
  applyCheckText,
  commandsTable,
  handshakeTable,
  memoryTable,
  nodeMatrixTable,
  profileTable,
  scalingTable,
  targetsTable,
  toJson,
} from './bench/report';
import { measureScaling, type ScalingPoint } from './bench/scaling';
import { verdicts } from './bench/verdicts';
import { prepareWorkspace } from './bench/workspace';
import { findEngine, findOrBuildEngine } from './demo/engine';

const ROOT = path.resolve(__dirname, '..');
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
const loadavg = () => os.loadavg().map((v) => Number(v.toFixed(2)));

async function main(): Promise<void> {
  let o;
  try {
    o = parseOptions(process.argv.slice(2), ROOT);
  } catch (err) {
    if (!(err instanceof HelpRequested)) throw err;
    console.log(HELP);
    return;
  }
  const started = Date.now();
  const loadAtStart = loadavg();
  // The pinned builds first: the numbers compare with earlier runs on the same versions.
  const terraform = findOrBuildEngine('terraform', 'pinned', progress);
  const tofu = findEngine('tofu', 'pinned');
  if (!tofu) progress('OpenTofu not found (npm run engines builds it): its rows are skipped');
  const goProvider = o.skipGo ? undefined : ensureGoProvider();
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    progress(`building the provider and the mirror in ${work}`);
    const ws = await prepareWorkspace(work, goProvider);

    let handshake: HandshakeResult | undefined;
    if (o.sections.has('handshake')) {
      progress(`start-up: ${o.handshakeRuns} runs per row`);
      handshake = await measureHandshake({ runs: o.handshakeRuns, bundle: ws.bundle, goProvider });
    }

    let rows: CommandRow[] = [];
    if (o.sections.has('commands')) {
      rows = await measureCommands(ws, {
        runs: o.runs,
        probeRuns: o.probeRuns,
        terraform,
        tofu,
        withGo: !!goProvider,
        log: progress,
      });
    }

    let matrix: NodeMatrix | undefined;
    if (o.sections.has('nodes')) {
      matrix = await measureNodeMatrix(ws, {
        runs: o.matrixRuns,
        handshakeRuns: o.matrixHandshakeRuns,
        terraform,
        withGo: !!goProvider,
        log: progress,
      });
    }

    let scaling: ScalingPoint[] = [];
    if (o.sections.has('scaling')) {
      scaling = await measureScaling(ws, {
        aliases: o.aliases,
        runs: o.scalingRuns,
        terraform,
        withGo: !!goProvider,
        log: progress,
      });
    }

    // --- derived numbers -------------------------------------------------------------------
    const profiles: Record<string, CommandProfile> = {};
    for (const r of rows) if (r.provider !== 'none' && r.engine.startsWith('terraform')) profiles[r.id] = profileOf(r);
    const { check, memory, targets, extra } = verdicts(handshake, rows, profiles);
    const loadAtEnd = loadavg();

    // --- print ------------------------------------------------------------------------------
    const out: string[] = [];
    out.push(
      `npm run bench: ${new Date(started).toISOString()}, node ${process.version}, ${terraform.name} ${terraform.version}` +
        `${tofu ? `, ${tofu.name} ${tofu.version}` : ''}${goProvider ? `, Go provider: restapi v${RESTAPI_VERSION}` : ''}`,
    );
    out.push(
      `machine: ${os.cpus().length} cores, load average ${loadAtStart.join(' ')} at start, ${loadAtEnd.join(' ')} at end; ` +
        `${o.runs} timed runs per row after 1 warm-up (start-up: ${o.handshakeRuns} after 3); times in ms; NODE_EXTRA_CA_CERTS unset except in the Node matrix`,
    );
    if (handshake) out.push('', '1. Start-up: spawn -> go-plugin handshake line', handshakeTable(handshake));
    if (rows.length) {
      out.push(
        '',
        '2. Commands against the emulator (wall time; launches and API calls per command)',
        commandsTable(rows),
      );
      if (check) out.push(applyCheckText(check));
      out.push('', '3. Memory', memoryTable(memory));
    }
    if (matrix) {
      out.push(
        '',
        `3b. Node versions x NODE_EXTRA_CA_CERTS (medians of ${o.matrixRuns} runs, start-up of ${o.matrixHandshakeRuns}; "set" = ${matrix.cells.find((c) => c.caFile)?.caFile ?? '-'})`,
        nodeMatrixTable(matrix),
      );
    }
    if (scaling.length) {
      out.push(
        '',
        '4. Scaling: plan with N provider aliases (one process each; ours: data source, Go: restapi_object)',
        scalingTable(scaling),
      );
    }
    if (profiles['terraform.plan.ours']) {
      out.push('', `5. Profile: median of ${o.probeRuns} TF_LOG=trace run(s), per launch; cells are ours / Go`);
      for (const op of ['plan', 'apply']) {
        const ours = profiles[`terraform.${op}.ours`];
        if (ours) out.push(profileTable(`terraform ${op} (static token)`, ours, profiles[`terraform.${op}.go`]));
      }
      const refresh = profiles['terraform.apply.ours-refresh'];
      if (refresh) out.push(profileTable('terraform apply, ours with the refresh-token exchange', refresh));
    }
    out.push('', '6. Targets (reported, never enforced)', targetsTable([...targets, ...extra]));
    console.log(out.join('\n'));

    const doc = {
      meta: {
        date: new Date(started).toISOString(),
        durationS: (Date.now() - started) / 1000,
        node: process.version,
        engines: { terraform: terraform.version, tofu: tofu?.version },
        goProvider: goProvider
          ? { name: 'terraform-provider-restapi', version: RESTAPI_VERSION, path: goProvider }
          : null,
        cores: os.cpus().length,
        loadavg: { start: loadAtStart, end: loadAtEnd },
        runs: o.runs,
        handshakeRuns: o.handshakeRuns,
        probeRuns: o.probeRuns,
        quick: o.quick,
      },
      handshake: handshake ?? null,
      commands: rows,
      applyCheck: check ?? null,
      memory,
      nodeMatrix: matrix ?? null,
      scaling,
      profile: profiles,
      targets: [...targets, ...extra.map((t) => ({ ...t, name: t.name.trim() }))],
    };
    mkdirSync(path.dirname(o.json), { recursive: true });
    writeFileSync(o.json, toJson(doc) + '\n');
    console.log(
      `\nJSON: ${path.relative(process.cwd(), o.json) || o.json}  (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
