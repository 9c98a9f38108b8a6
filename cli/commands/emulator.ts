// `emulator`: the local Partner Center emulator (emulator/server.ts) in the foreground, with the
// settings that point the provider at it; stops cleanly on SIGINT (Ctrl-C) and SIGTERM.
import { EMULATOR_DEFAULTS, providerEnvFor, startEmulator, type EmulatorOptions } from '../../emulator/server';
import { stringFlag, UsageError, wholeNumberFlag, type CommandSpec, type FlagValues } from '../args';

export const emulatorSpec: CommandSpec = {
  name: 'emulator',
  brief: 'run the local Partner Center emulator and print the settings for the provider',
  summary:
    'Starts the local Partner Center emulator (billing profile API, token endpoint, /_emulator/ admin API) ' +
    'and prints its base URL and the PARTNERCENTER_* settings that point the provider at it. Serves until ' +
    'Ctrl-C (SIGINT) or SIGTERM.',
  flags: [
    { name: 'port', value: 'P', help: 'port to listen on (default 0: a free port, printed)' },
    {
      name: 'host',
      value: 'H',
      help: 'address to listen on (default 127.0.0.1); the admin API has no authentication',
    },
    { name: 'data', value: 'FILE', help: 'keep the profile in this JSON file (created when missing)' },
    {
      name: 'tenant-id',
      value: 'ID',
      help: `the default partner tenant (default ${EMULATOR_DEFAULTS.tenantId}); more with POST /_emulator/tenants`,
    },
    { name: 'client-id', value: 'ID', help: `client id it accepts (default ${EMULATOR_DEFAULTS.clientId})` },
    { name: 'client-secret', value: 'S', help: 'client secret it then requires (default: none, a public client)' },
    { name: 'refresh-token', value: 'T', help: `refresh token it accepts (default ${EMULATOR_DEFAULTS.refreshToken})` },
    { name: 'token-lifetime', value: 'SECONDS', help: 'lifetime of the access tokens it issues (default 3600)' },
    { name: 'conflict-mode', value: '412|400-2055', help: 'how a stale etag is answered (default 412)' },
  ],
};

/** True for the addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** A value as a POSIX shell word. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

export function emulatorOptions(values: FlagValues): EmulatorOptions {
  const mode = stringFlag(values, 'conflict-mode');
  if (mode !== undefined && mode !== '412' && mode !== '400-2055')
    throw new UsageError(`--conflict-mode must be 412 or 400-2055, got "${mode}"`);
  return {
    port: wholeNumberFlag(values, 'port', 0, 65535) ?? 0,
    host: stringFlag(values, 'host'),
    data: stringFlag(values, 'data'),
    tenantId: stringFlag(values, 'tenant-id'),
    clientId: stringFlag(values, 'client-id'),
    clientSecret: stringFlag(values, 'client-secret'),
    refreshToken: stringFlag(values, 'refresh-token'),
    tokenLifetimeSeconds: wholeNumberFlag(values, 'token-lifetime', 1, 10 ** 9),
    conflictMode: mode,
  };
}

/** The PARTNERCENTER_* variables for the provider, with the credentials this emulator accepts. */
export function settingsFor(url: string, opts: EmulatorOptions): Record<string, string> {
  const env = providerEnvFor(url);
  if (opts.tenantId !== undefined) env.PARTNERCENTER_TENANT_ID = opts.tenantId;
  if (opts.clientId !== undefined) env.PARTNERCENTER_CLIENT_ID = opts.clientId;
  if (opts.refreshToken !== undefined) env.PARTNERCENTER_REFRESH_TOKEN = opts.refreshToken;
  if (opts.clientSecret) env.PARTNERCENTER_CLIENT_SECRET = opts.clientSecret;
  return env;
}

/**
 * The error for a port the emulator cannot listen on, with the fix: Node's own text says only
 * "listen EADDRINUSE: address already in use".
 */
export function listenError(e: unknown, opts: EmulatorOptions): unknown {
  const code = (e as { code?: unknown } | undefined)?.code;
  const where = `${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}`;
  if (code === 'EADDRINUSE')
    return new Error(
      `port ${opts.port} is already in use on ${where} (EADDRINUSE): another emulator or program listens there. ` +
        'Use --port 0 to take a free port (the URL is printed), pick another --port, or stop what listens there',
    );
  if (code === 'EACCES')
    return new Error(
      `not allowed to listen on ${where} (EACCES): ports below 1024 need privileges. Use --port 0 to take a free port, or a port of 1024 or more`,
    );
  return e;
}

/** Serves until SIGINT or SIGTERM; resolves with the exit code once the emulator has stopped. */
export async function runEmulator(values: FlagValues): Promise<number> {
  const opts = emulatorOptions(values);
  const emulator = await startEmulator(opts).catch((e: unknown) => {
    throw listenError(e, opts);
  });
  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`emulator: ${signal}, shutting down\n`);
      emulator.close().then(
        () => resolve(0),
        (e: unknown) => {
          process.stderr.write(`emulator: could not stop cleanly: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // The first line is the one scripts wait for (test suites, the README).
  const lines = [
    `Partner Center emulator listening on ${emulator.url}`,
    '',
    'Point the provider at it (sh):',
    ...Object.entries(settingsFor(emulator.url, opts)).map(([k, v]) => `export ${k}=${shellWord(v)}`),
    '',
    `Admin API (no authentication): ${emulator.url}/_emulator/  e.g. an edit "in the dashboard":`,
    `  curl -X PATCH ${emulator.url}/_emulator/profile -H 'content-type: application/json' -d '{"purchaseOrderNumber":"PO-X"}'`,
    opts.data ? `Profile kept in ${opts.data}` : 'Profile kept in memory (--data FILE keeps it in a file)',
    'Ctrl-C stops it.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (opts.host !== undefined && !isLoopback(opts.host)) {
    process.stderr.write(
      `warning: --host ${opts.host} is not a loopback address, so other machines may reach this emulator. Its admin ` +
        'API (/_emulator/) has no authentication: anyone who reaches it can read and change the profile, inject ' +
        'faults and obtain tokens. Use it only on a network you trust.\n',
    );
  }
  return stopped;
}
