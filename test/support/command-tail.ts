// When a command a test runs fails, the assertion shows the end of that command's own stdout and
// stderr, so that the cause is in the test report and not only "expected 0, received 1".
import type { CapturedRun } from './spawn-capture';

/** The last `lines` lines of a text, indented. */
export function tail(text: string, lines = 40): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `  | ${l}`)
    .join('\n');
}

/** The run's exit code and the end of its stdout and stderr, for an error message. */
export function describeRun(what: string, run: CapturedRun): string {
  return `${what} exited ${run.code}\n--- end of stdout ---\n${tail(run.stdout)}\n--- end of stderr ---\n${tail(run.stderr)}`;
}

/** Throws, with the end of the command's output, unless it exited with `code` (default 0). */
export function expectExit(run: CapturedRun, what: string, code = 0): CapturedRun {
  if (run.code !== code) throw new Error(`expected ${what} to exit ${code}, but ${describeRun(what, run)}`);
  return run;
}
