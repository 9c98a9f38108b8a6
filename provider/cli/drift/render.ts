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
    const outcome = f.restoredByApply ? 'apply restores the configured value' : 'not managed: no action';
    lines.push(
      `    ~ ${f.path}: ${show(f.before, f.sensitive)} -> ${show(f.after, f.sensitive)}  (changed outside Terraform; ${outcome})`,
    );
  }
  for (const f of r.pending) {
    lines.push(
      `    + ${f.path}: ${show(f.before, f.sensitive)} -> ${show(f.after, f.sensitive)}  (configuration not applied yet)`,
    );
  }
  return lines;
}

function outputLine(o: FieldChange): string {
  const after = o.after === undefined ? '(known after apply)' : show(o.after, o.sensitive);
  return `    ~ ${o.path}: ${show(o.before, o.sensitive)} -> ${after}`;
}

function headline(report: DriftReport): string {
  if (report.hasManagedDrift) return 'DRIFT DETECTED: managed attributes were changed outside Terraform.';
  if (report.hasResourceChanges)
    return 'CHANGES PENDING: no managed attribute drifted, but the configuration is not fully applied.';
  if (report.resources.length > 0)
    return 'No managed drift. Attributes this configuration does not manage changed outside Terraform (no action).';
  if (report.outputs.length > 0) return 'No drift in resources; only output values would change.';
  return 'No drift: the live objects match the configuration and the state.';
}

export function renderReport(report: DriftReport): string {
  const lines = [headline(report)];
  if (report.resources.length > 0) {
    lines.push('', 'Resources:');
    for (const r of report.resources) lines.push(...resourceLines(r));
  }
  if (report.outputs.length > 0) {
    lines.push('', 'Outputs:');
    for (const o of report.outputs) lines.push(outputLine(o));
  }
  if (report.hasResourceChanges) {
    lines.push(
      '',
      'To resolve: apply to restore the configuration, or change the configuration to accept the live values.',
    );
  }
  return lines.join('\n') + '\n';
}
