// hclog-style JSON log lines on stderr. The engine parses each stderr line that is a JSON
// object as an hclog entry and reads @level, @message and @timestamp with unchecked string
// assertions: a non-string there crashes Terraform, so those three are always strings and no
// field may shadow them. Verbosity follows TF_LOG_PROVIDER, else TF_LOG (unset/off: silent).
import type { Logger } from './kit';

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };
const OFF = 5;

/** The minimum rank to print, from the engine's log variables. */
export function thresholdFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || '').trim().toLowerCase();
  if (raw === '' || raw === 'off') return OFF;
  // Like Terraform, any other non-empty value (e.g. "json", "1") means everything.
  return raw in RANK ? RANK[raw as Level] : RANK.trace;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Go layout 2006-01-02T15:04:05.000000Z07:00, in UTC (6 fraction digits). */
export function hclogTimestamp(d: Date): string {
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    `.${pad(d.getUTCMilliseconds(), 3)}000Z`
  );
}

/** Makes any field value JSON-safe: bigint and number-like objects become strings. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'symbol') return value.description ?? 'symbol';
  if (typeof value === 'function') return undefined;
  if (value instanceof Error) return value.message;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return value;
}

export function formatLine(
  level: Level,
  module: string,
  message: string,
  fields: Record<string, unknown>,
  now: Date,
): string {
  const entry: Record<string, unknown> = {
    '@level': level,
    '@message': message,
    '@module': module,
    '@timestamp': hclogTimestamp(now),
  };
  for (const [key, value] of Object.entries(fields)) {
    // Never let a field replace a reserved @-key (and its string guarantee).
    entry[key.startsWith('@') ? `_${key}` : key] = value;
  }
  try {
    return JSON.stringify(entry, jsonSafe);
  } catch {
    // Cyclic or otherwise unserialisable fields: keep the line, stringify the fields.
    for (const key of Object.keys(fields)) entry[key.startsWith('@') ? `_${key}` : key] = String(fields[key]);
    return JSON.stringify(entry, jsonSafe);
  }
}

export interface LoggerOptions {
  env?: NodeJS.ProcessEnv;
  write?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const threshold = thresholdFromEnv(options.env ?? process.env);
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const emit =
    (level: Level) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (RANK[level] < threshold) return;
      write(formatLine(level, name, message, fields, now()));
    };
  return { trace: emit('trace'), debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
