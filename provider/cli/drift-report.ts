// Drift check for CI: plans with -detailed-exitcode, and when the plan is not empty explains
// it field by field from `show -json` of the saved plan. The command line is
// `terraform-provider-partnercenter drift` (cli/commands/drift.ts).
//
// Exit codes: 0 = no resource would change (drift in unmanaged attributes and output-only
//                 changes are listed for information),
//             1 = the check itself failed (init / plan / show error),
//             2 = some resource would change: managed drift, or configuration not applied yet.
// The engine defaults to $TERRAFORM_BINARY_NAME (as the cdktf CLI), else `terraform`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { analysePlan, type DriftReport, type JsonPlan } from './drift/plan-drift';
import { renderReport } from './drift/render';

export const EXIT_IN_SYNC = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;

export interface DriftCheckOptions {
  dir: string;
  engine: string;
  init: boolean;
  jsonFile?: string;
  verbose: boolean;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(engine: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    const child = spawn(engine, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(new Error(`cannot run ${engine}: ${err.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function failure(step: string, r: Run): Error {
  return new Error(`${step} failed (exit ${r.code})\n${r.stdout}${r.stderr}`);
}

/** Runs the check and returns the exit code; the report goes to `out`. */
export async function checkDrift(
  opts: DriftCheckOptions,
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const dir = path.resolve(opts.dir);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'drift-'));
  const planFile = path.join(tmp, 'drift.tfplan');
  try {
    if (opts.init) {
      const init = await run(opts.engine, ['init', '-input=false', '-no-color'], dir);
      if (init.code !== 0) throw failure(`${opts.engine} init`, init);
    }
    const plan = await run(
      opts.engine,
      ['plan', '-input=false', '-no-color', '-detailed-exitcode', `-out=${planFile}`],
      dir,
    );
    if (plan.code !== 0 && plan.code !== 2) throw failure(`${opts.engine} plan`, plan);
    if (opts.verbose) out(plan.stdout);

    const show = await run(opts.engine, ['show', '-json', '-no-color', planFile], dir);
    if (show.code !== 0) throw failure(`${opts.engine} show -json`, show);
    const report: DriftReport = analysePlan(JSON.parse(show.stdout) as JsonPlan);
    if (opts.jsonFile) await writeFile(opts.jsonFile, JSON.stringify(report, null, 2) + '\n');
    out(renderReport(report));
    // -detailed-exitcode also says 2 when only outputs change (e.g. an etag output after an
    // edit to an unmanaged field): that is not drift of anything this configuration manages.
    return report.hasResourceChanges ? EXIT_CHANGES : EXIT_IN_SYNC;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
