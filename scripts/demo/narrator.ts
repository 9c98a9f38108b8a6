// The demo's voice: numbered steps, the engine's own output indented under them, and checks
// that stop the demo (non-zero exit) the moment something does not behave as narrated.
export class DemoFailure extends Error {}

let stepNumber = 0;

export function step(title: string): void {
  stepNumber += 1;
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

export function check(ok: boolean, what: string): void {
  if (!ok) throw new DemoFailure(`expected: ${what}`);
  console.log(`   \x1b[32m✔\x1b[0m ${what}`);
}
