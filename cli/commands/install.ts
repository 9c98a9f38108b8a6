// `install`: the provider into a filesystem mirror (provider/cli/install.ts), then what to write
// in a configuration, and for a folder the engines do not scan by themselves, the CLI config.
import path from 'node:path';
import { mirrorCliConfig } from '../../provider/cli/cli-config';
import { DEFAULT_BUNDLE, defaultMirror, installProvider, platformProblem } from '../../provider/cli/install';
import { PROVIDER_TYPE, PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { stringFlag, UsageError, type CommandSpec, type FlagValues } from '../args';

export const installSpec: CommandSpec = {
  name: 'install',
  brief: 'install the provider into a filesystem mirror (default ~/.terraform.d/plugins)',
  summary:
    'Installs the provider into a filesystem mirror, by default ~/.terraform.d/plugins (which Terraform and ' +
    'OpenTofu scan without configuration), and prints the required_providers block to use.',
  flags: [
    {
      name: 'mirror',
      value: 'DIR',
      help: 'another mirror folder; prints the CLI config that points the engines at it',
    },
    {
      name: 'platform',
      value: 'OS_ARCH',
      help: "the engines' platform to install for (default: this machine, e.g. linux_amd64)",
    },
    {
      name: 'bundle',
      value: 'FILE',
      help: 'install this provider bundle instead of the packaged one (a build of your own)',
    },
  ],
  details: [
    'The install is atomic: the package is written beside the target and renamed into place, so a failed or ' +
      'interrupted install leaves the old package (or none). Reinstalling different bytes under the same version ' +
      'breaks the lock files that recorded the old ones: the command says so, with both hashes.',
  ],
};

export function requiredProvidersBlock(): string {
  return [
    'terraform {',
    '  required_providers {',
    `    ${PROVIDER_TYPE} = {`,
    `      source  = "${SOURCE_ADDRESS}"`,
    `      version = "${PROVIDER_VERSION}"`,
    '    }',
    '  }',
    '}',
  ].join('\n');
}

export async function runInstall(values: FlagValues): Promise<number> {
  const platform = stringFlag(values, 'platform');
  const problem = platform === undefined ? undefined : platformProblem(platform);
  if (problem) throw new UsageError(`--platform ${problem}`);
  const mirrorDir = path.resolve(stringFlag(values, 'mirror') ?? defaultMirror());
  const result = await installProvider({
    mirrorDir,
    bundlePath: path.resolve(stringFlag(values, 'bundle') ?? DEFAULT_BUNDLE),
    sourceAddress: SOURCE_ADDRESS,
    version: PROVIDER_VERSION,
    platform,
  });
  const out: string[] = [
    `installed ${path.basename(result.executable)} into ${result.packageDir}`,
    `package hash (what .terraform.lock.hcl records): ${result.hash}`,
  ];
  if (result.previousHash === result.hash) {
    out.push('the same bytes were already installed there: existing lock files stay valid');
  } else if (result.previousHash !== undefined) {
    process.stderr.write(
      [
        `warning: this replaced different bytes under the same version ${PROVIDER_VERSION} (was ${result.previousHash}).`,
        '  Lock files (.terraform.lock.hcl) that recorded the old hash no longer match: init fails with',
        '  "does not match any of the checksums recorded in the dependency lock file", and init -upgrade does',
        `  not fix it. In each such working directory, delete the "${SOURCE_ADDRESS}" entry from`,
        '  .terraform.lock.hcl and run init again.',
        '',
      ].join('\n'),
    );
  }
  out.push('', 'Declare it in your configuration:', '', requiredProvidersBlock(), '');
  if (path.resolve(defaultMirror()) !== mirrorDir) {
    out.push(
      `Terraform and OpenTofu do not look in ${mirrorDir} by themselves. Save this CLI configuration in a`,
      'file and export TF_CLI_CONFIG_FILE=<that file> before running them:',
      '',
      mirrorCliConfig({ mirrorDir, include: [SOURCE_ADDRESS] }).trimEnd(),
      '',
    );
  }
  out.push('Then run: terraform init (or tofu init)');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
