// Turns a DriftReport into the text a CI log shows.
import type { DriftReport, FieldChange, ResourceReport } from './plan-drift';

function show(value: unknown, sensitive: boolean): string {
  if (sensitive) return '(sensitive value)';
  if (value === undefined || value === null || value === '') return '(empty)';
  return JSON.stringify(value);
}

function resourceLines(r: ResourceReport): string[] {
  const lines = [`  ${r.address}  [plan: ${r.actions.join(', ')}]`];
  for (const f of r.drifted) {
    const outcome = f.restoredByApply ? 'apply restores the configured value' : 'not managed here: no action';
    lines.push(`    ~ ${f.path}: ${show(f.before, f.sensitive)} -> ${show(f.after, f.sensitive)}  (changed outside Terraform; ${outcome})`);
  }
  for (const f of r.pending) {
    lines.push(`    + ${f.path}: ${show(f.before, f.sensitive)} -> ${show(f.after, f.sensitive)}  (configuration not applied yet)`);
  }
  return lines;
}

function outputLine(o: FieldChange): string {
  return `    ~ output.${o.path}: ${show(o.before, o.sensitive)} -> ${o.after === undefined ? '(known after apply)' : show(o.after, o.sensitive)}`;
}

export function renderReport(report: DriftReport): string {
  if (!report.hasChanges && report.resources.every((r) => r.drifted.length === 0)) {
    return 'No drift: the live infrastructure matches the configuration and the state.\n';
  }
  const lines: string[] = [];
  if (report.hasManagedDrift) lines.push('DRIFT DETECTED: managed attributes were changed outside Terraform.');
  else if (report.hasChanges) lines.push('CHANGES PENDING: the plan is not empty (no managed attribute drifted).');
  else lines.push('No managed drift; some unmanaged attributes changed outside Terraform (the plan is empty).');
  const withFields = report.resources.filter((r) => r.drifted.length + r.pending.length > 0 || r.actions.some((a) => a !== 'no-op'));
  if (withFields.length > 0) {
    lines.push('', 'Resources:');
    for (const r of withFields) lines.push(...resourceLines(r));
  }
  if (report.outputs.length > 0) {
    lines.push('', 'Outputs:');
    for (const o of report.outputs) lines.push(outputLine(o));
  }
  if (report.hasChanges) {
    lines.push('', 'Fix: apply to restore the configuration, or update the configuration to accept the live values.');
  }
  return lines.join('\n') + '\n';
}
