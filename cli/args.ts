// Flag parsing for the package's command line: one spec per command, strict (an unknown flag, a
// missing value or a stray argument is a UsageError naming it), and the help text made from the
// same spec so that the two never disagree.
export class UsageError extends Error {}

export interface FlagSpec {
  name: string;
  /** The value's placeholder in the help (e.g. "DIR"); absent for a flag without a value. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line for the program's list of commands. */
  brief: string;
  summary: string;
  /** Paragraphs of help after the flags. */
  details?: string[];
  flags: FlagSpec[];
}

export type FlagValues = Record<string, string | true | undefined>;

/** The flags given, by name without the dashes; `help` is true for --help or -h. */
export function parseFlags(argv: readonly string[], spec: CommandSpec, program: string): FlagValues {
  const values: FlagValues = {};
  const seeHelp = `see: ${program} ${spec.name} --help`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      values.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}" (${seeHelp})`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const flag = spec.flags.find((f) => f.name === name);
    if (!flag) {
      const known = spec.flags.map((f) => `--${f.name}`).join(', ') || 'none';
      throw new UsageError(`unknown flag --${name} (flags: ${known}; ${seeHelp})`);
    }
    if (values[name] !== undefined) throw new UsageError(`--${name} is given twice`);
    if (flag.value === undefined) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value, got "${arg.slice(eq + 1)}"`);
      values[name] = true;
      continue;
    }
    const value = eq === -1 ? argv[i + 1] : arg.slice(eq + 1);
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--')))
      throw new UsageError(`--${name} needs a value: --${name} ${flag.value}`);
    values[name] = value;
    if (eq === -1) i++;
  }
  return values;
}

/** The string value of a flag that takes one (undefined when not given). */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A whole number in [min, max], or undefined when the flag is absent. */
export function wholeNumberFlag(values: FlagValues, name: string, min: number, max: number): number | undefined {
  const v = stringFlag(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${v}"`);
  return Number(v);
}

/** `text` broken into lines of at most `width` characters (at spaces). */
export function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function commandHelp(spec: CommandSpec, program: string): string {
  const synopsis = spec.flags.map((f) => (f.value ? `[--${f.name} ${f.value}]` : `[--${f.name}]`)).join(' ');
  const width = Math.max(...spec.flags.map((f) => f.name.length + (f.value ? f.value.length + 1 : 0)), 4) + 4;
  const rows = spec.flags.map((f) => `  ${`--${f.name}${f.value ? ` ${f.value}` : ''}`.padEnd(width)}${f.help}`);
  return [
    `usage: ${program} ${spec.name}${synopsis ? ` ${synopsis}` : ''}`,
    '',
    ...wrap(spec.summary),
    ...(rows.length > 0 ? ['', ...rows] : []),
    ...(spec.details ? spec.details.flatMap((p) => ['', ...wrap(p)]) : []),
    '',
  ].join('\n');
}
