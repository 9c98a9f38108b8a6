// The package's command line, `npx terraform-provider-partnercenter <command>` (package.json
// "bin", bundled into dist/cli/cli.cjs by scripts/build-package.ts). Each command's flags and
// help come from its spec (cli/args.ts); the work is done by the same code the repository's npm
// scripts run (provider/cli/, emulator/). Exit codes: 0 done, 1 failed, 2 wrong usage (a wrong
// flag or a missing value, named in the message); `drift` keeps 2 for drift (see its help).
import { PACKAGE_NAME, PROVIDER_VERSION, SOURCE_ADDRESS } from '../provider/meta';
import { commandHelp, parseFlags, UsageError, type CommandSpec, type FlagValues } from './args';
import { driftSpec, runDrift } from './commands/drift';
import { emulatorSpec, runEmulator } from './commands/emulator';
import { installSpec, runInstall } from './commands/install';
import { runSchema, schemaSpec } from './commands/schema';

export const PROGRAM = PACKAGE_NAME;
export const SUPPORTED_NODE_MAJORS = [20, 22, 24];

interface Command {
  spec: CommandSpec;
  run(values: FlagValues): Promise<number>;
  /** Exit code for a usage error (2, except where 2 means something else). */
  usageExit: number;
}

export const COMMANDS: readonly Command[] = [
  { spec: installSpec, run: runInstall, usageExit: 2 },
  { spec: emulatorSpec, run: runEmulator, usageExit: 2 },
  { spec: driftSpec, run: runDrift, usageExit: 1 },
  { spec: schemaSpec, run: () => runSchema(), usageExit: 2 },
];

export function programHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 3;
  return [
    `usage: ${PROGRAM} <command> [flags]`,
    '',
    `The Partner Center provider for Terraform and OpenTofu (${SOURCE_ADDRESS} ${PROVIDER_VERSION}).`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}${c.spec.brief}`),
    '',
    `  --version${' '.repeat(Math.max(width - 8, 1))}print the version`,
    `  --help${' '.repeat(Math.max(width - 5, 1))}this help; <command> --help for a command's flags`,
    '',
    'Documentation: docs/cli.md in the package.',
    '',
  ].join('\n');
}

/** Why this Node.js cannot run the package, or undefined when it can. */
export function nodeVersionProblem(version: string = process.version): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  if (major >= SUPPORTED_NODE_MAJORS[0]) return undefined;
  return `${PROGRAM} needs Node.js ${SUPPORTED_NODE_MAJORS[0]} or newer (supported: ${SUPPORTED_NODE_MAJORS.join(', ')}), but this is ${version}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const tooOld = nodeVersionProblem();
  if (tooOld) {
    process.stderr.write(`${tooOld}\n`);
    return 1;
  }
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${PROVIDER_VERSION}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(programHelp());
    return 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === first);
  if (!command) {
    const what = first === undefined ? 'a command is required' : `unknown command "${first}"`;
    process.stderr.write(`${PROGRAM}: ${what}\n\n${programHelp()}`);
    return 2;
  }
  try {
    const values = parseFlags(rest, command.spec, PROGRAM);
    if (values.help === true) {
      process.stdout.write(commandHelp(command.spec, PROGRAM));
      return 0;
    }
    return await command.run(values);
  } catch (e) {
    process.stderr.write(`${PROGRAM} ${command.spec.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof UsageError ? command.usageExit : 1;
  }
}

/** Runs the command line and sets the process's exit code. */
export function runCli(argv: readonly string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${PROGRAM}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runCli(process.argv.slice(2));
