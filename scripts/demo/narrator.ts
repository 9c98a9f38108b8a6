// The demo's voice: numbered steps, the engine's own output indented under them, and checks
// that stop the demo (non-zero exit) the moment something does not behave as narrated.
export class DemoFailure extends Error {}

let stepNumber = 0;

export function step(title: string): void {
  stepNumber += 1;
  lastRun = undefined;
  console.log(`\n\x1b[1m== ${stepNumber}. ${title}\x1b[0m`);
}

export function say(text: string): void {
  console.log(`   ${text}`);
}

/** Prints engine output indented, without the blank-line noise. */
export function show(output: string): void {
  const lines = output.split('\n').filter((l, i, all) => l.trim() !== '' || (i > 0 && all[i - 1].trim() !== ''));
  for (const line of lines) console.log(`   | ${line}`);
}

/** A command the demo ran, as the runner (engine-runner.ts) reports it. */
export interface CommandRun {
  /** As printed, e.g. "terraform apply -auto-approve". */
  command: string;
  code: number;
  output: string;
}

// The last command run in the current step: a failing check names it and shows the end of its
// output, so that "demo failed" always comes with the cause, whatever the check looked at.
let lastRun: CommandRun | undefined;

/** Called by the runner after each command. */
export function noteRun(run: CommandRun): void {
  lastRun = run;
}

/** The last `lines` lines of a command's output, indented like `show`. */
export function outputTail(output: string, lines = 30): string {
  return output
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `   | ${line}`)
    .join('\n');
}

function lastRunTail(): string {
  if (!lastRun) return '';
  return `\nthe step's last command, \`${lastRun.command}\`, exited ${lastRun.code}; the end of its output:\n${outputTail(lastRun.output)}`;
}

export function check(ok: boolean, what: string): void {
  if (!ok) throw new DemoFailure(`expected: ${what}${lastRunTail()}`);
  console.log(`   \x1b[32m✔\x1b[0m ${what}`);
}

/** What `demo failed:` prints: the expectation (with its command's output), or the error with the step's last command. */
export function failureText(err: unknown): string {
  if (err instanceof DemoFailure) return err.message;
  return `${err instanceof Error ? (err.stack ?? err.message) : String(err)}${lastRunTail()}`;
}
