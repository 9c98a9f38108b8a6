// The provider process entry: `serve(definition, { sourceAddress })`.
//   (no flag)      launched by an engine: go-plugin handshake, gRPC on a unix socket, mutual TLS
//                  when the engine sends a client certificate. stdout carries exactly one line.
//   --schema-json  print the schema as `terraform providers schema -json` does, exit 0.
//   --debug        serve plaintext for TF_REATTACH_PROVIDERS and print that variable for a human.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { checkLaunchEnvironment, handshakeLine, reattachConfig, type LaunchCheck } from './handshake';
import type { ProviderDefinition } from './kit';
import { createLogger } from './log';
import { installProcessHygiene } from './process-hygiene';
import { goJsonStringify, providerSchemaJson } from './schema-json';
import { makeSocketDir } from './socket-dir';
import { startServer, type PluginServer } from './server';
import { brokerService, controllerService, healthService, providerService, stdioService } from './services/definitions';
import {
  brokerImplementation,
  controllerImplementation,
  healthImplementation,
  stdioImplementation,
} from './services/go-plugin';
import { providerImplementation } from './services/provider-service';
import { ProviderRuntime } from './services/runtime';
import { clientCertificateDer } from './tls/pinned-listener';
import { createServerCertificate } from './tls/server-cert';

export interface ServeOptions {
  /** Full source address, e.g. "terraform.local/partnercenter/partnercenter". */
  sourceAddress: string;
}

/** Grace period for calls in flight when the engine asks us to shut down. */
const SHUTDOWN_GRACE_MS = 200;

export function serve(def: ProviderDefinition, opts: ServeOptions): void {
  const args = process.argv.slice(2);
  if (args.includes('--schema-json')) {
    process.stdout.write(goJsonStringify(providerSchemaJson(def, opts.sourceAddress)) + '\n');
    return;
  }
  const debug = args.includes('--debug');
  const launch: LaunchCheck = debug
    ? { ok: true, socketDir: process.env.PLUGIN_UNIX_SOCKET_DIR || undefined }
    : checkLaunchEnvironment(process.env, opts.sourceAddress);
  if (!launch.ok) {
    process.stderr.write(launch.message + '\n');
    process.exitCode = 1;
    return;
  }
  start(def, opts, launch, debug).catch((err: unknown) => {
    process.stderr.write(`Error: the provider could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

async function start(
  def: ProviderDefinition,
  opts: ServeOptions,
  launch: Extract<LaunchCheck, { ok: true }>,
  debug: boolean,
): Promise<void> {
  const log = createLogger(def.typeName);
  // mkdtemp creates the folder 0700 with an unguessable name: only our user can reach the socket.
  // Its name carries our pid, so the next start removes it if a SIGKILL skips our cleanup.
  const { dir, socketPath, removedStale } = makeSocketDir(launch.socketDir ?? tmpdir());
  for (const stale of removedStale) log.debug('Removed the socket folder of a provider that was killed', { stale });
  installProcessHygiene({
    sigint: debug ? 'exit' : 'ignore',
    watchParent: !debug,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });

  const tls =
    launch.clientCertPem && !debug
      ? { certificate: createServerCertificate(), clientCertDer: clientCertificateDer(launch.clientCertPem) }
      : undefined;

  const runtime = new ProviderRuntime(def, log);
  // Assigned once the server listens; `shutdown` may run before that and must see undefined.
  // eslint-disable-next-line prefer-const
  let server: PluginServer | undefined;
  const shutdown = () => {
    log.debug('Shutdown requested by the engine');
    void (server ? server.shutdown(SHUTDOWN_GRACE_MS) : Promise.resolve()).finally(() => process.exit(0));
  };
  server = await startServer(
    [
      { definition: providerService, implementation: providerImplementation(runtime) },
      { definition: controllerService, implementation: controllerImplementation(log, shutdown) },
      { definition: stdioService, implementation: stdioImplementation() },
      { definition: brokerService, implementation: brokerImplementation() },
      { definition: healthService, implementation: healthImplementation() },
    ],
    { socketPath, tls, log },
  );

  if (debug) {
    process.stdout.write(
      `Provider ${opts.sourceAddress} is running for debugging (plaintext, pid ${process.pid}).\n` +
        'Point Terraform or OpenTofu at it with:\n\n' +
        `  TF_REATTACH_PROVIDERS='${reattachConfig(opts.sourceAddress, socketPath, process.pid)}'\n\n` +
        'Press Ctrl-C to stop.\n',
    );
  } else {
    process.stdout.write(handshakeLine(socketPath, tls?.certificate.der) + '\n');
  }
  log.info('Provider started', { address: socketPath, tls: tls !== undefined, version: def.version });
}
