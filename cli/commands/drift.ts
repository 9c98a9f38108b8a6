// `drift`: the drift report (provider/cli/drift-report.ts) for a working directory.
import { checkDrift, type DriftCheckOptions } from '../../provider/cli/drift-report';
import { stringFlag, type CommandSpec, type FlagValues } from '../args';

export const driftSpec: CommandSpec = {
  name: 'drift',
  brief: 'explain what a plan would change, field by field (exit 0, 1 error, 2 drift)',
  summary:
    'Plans the working directory with -detailed-exitcode and explains any change field by field (from show -json ' +
    'of the saved plan). Exit codes: 0 no resource would change (drift of unmanaged attributes is listed for ' +
    'information), 1 the check itself failed (init, plan or show error; also a wrong flag here, since 2 means ' +
    'drift), 2 some resource would change (drift, or configuration not applied yet).',
  flags: [
    { name: 'dir', value: 'DIR', help: 'the working directory to check (default: the current one)' },
    {
      name: 'engine',
      value: 'BINARY',
      help: 'terraform, tofu or a path (default: $TERRAFORM_BINARY_NAME, else terraform)',
    },
    { name: 'no-init', help: 'do not run init first' },
    { name: 'json', value: 'FILE', help: 'also write the report as JSON to FILE' },
    { name: 'verbose', help: 'print the plan output too' },
  ],
};

/** The check's options; the engine defaults to $TERRAFORM_BINARY_NAME, as for the cdktf CLI. */
export function driftOptions(values: FlagValues, env: NodeJS.ProcessEnv = process.env): DriftCheckOptions {
  return {
    dir: stringFlag(values, 'dir') ?? '.',
    engine: stringFlag(values, 'engine') ?? (env.TERRAFORM_BINARY_NAME || 'terraform'),
    init: values['no-init'] !== true,
    jsonFile: stringFlag(values, 'json'),
    verbose: values.verbose === true,
  };
}

export function runDrift(values: FlagValues): Promise<number> {
  return checkDrift(driftOptions(values));
}
