// `npm run emulator -- [flags]` and older scripts that run this file: the package command's
// `emulator` (cli/commands/emulator.ts), so both print and behave the same. Flags:
// `npm run emulator -- --help`, or docs/cli.md.
import { runCli } from '../cli/main';

runCli(['emulator', ...process.argv.slice(2)]);
