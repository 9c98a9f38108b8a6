// npm run emulator -- --port <p> [--data <file>] [--tenant-id …] [--client-id …] [--client-secret …]
//   [--refresh-token …] [--host …] [--token-lifetime <s>] [--conflict-mode 412|400-2055]
// Prints the base URL on one line and serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startEmulator, type EmulatorOptions } from './server';

const USAGE =
  'usage: npm run emulator -- [--port <p>] [--host <h>] [--data <file>] [--tenant-id <id>] [--client-id <id>] ' +
  '[--client-secret <s>] [--refresh-token <t>] [--token-lifetime <seconds>] [--conflict-mode 412|400-2055]';

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`--${flag} must be a whole number >= ${min}, got "${value}"`);
  return Number(value);
}

function parse(argv: string[]): EmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'tenant-id': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'refresh-token': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'conflict-mode': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = wholeNumber('port', values.port, 0);
  if (port !== undefined && port > 65535) throw new Error(`--port must be at most 65535, got ${port}`);
  const mode = values['conflict-mode'];
  if (mode !== undefined && mode !== '412' && mode !== '400-2055')
    throw new Error(`--conflict-mode must be 412 or 400-2055, got "${mode}"`);
  return {
    port,
    host: values.host,
    data: values.data,
    tenantId: values['tenant-id'],
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    refreshToken: values['refresh-token'],
    tokenLifetimeSeconds: wholeNumber('token-lifetime', values['token-lifetime'], 1),
    conflictMode: mode,
  };
}

async function main(): Promise<void> {
  let opts: EmulatorOptions;
  try {
    opts = parse(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator(opts);
  process.stdout.write(`Partner Center emulator listening on ${emulator.url}\n`);
  const stop = (signal: string) => {
    process.stderr.write(`emulator: ${signal}, shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
