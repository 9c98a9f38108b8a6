// The go-plugin launch contract as the engines' client (go-plugin 1.4) uses it: the magic
// cookie proves we were launched by an engine, PLUGIN_PROTOCOL_VERSIONS lists the versions it
// speaks (a comma list in no fixed order), PLUGIN_CLIENT_CERT turns on mutual TLS, and our
// answer is one stdout line naming the socket and our certificate.

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export type LaunchCheck = { ok: true; clientCertPem?: string; socketDir?: string } | { ok: false; message: string };

export function checkLaunchEnvironment(env: NodeJS.ProcessEnv, sourceAddress: string): LaunchCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return {
      ok: false,
      message:
        `This program is the ${sourceAddress} provider plugin for Terraform and OpenTofu. ` +
        'It is started by terraform or tofu, not run directly: declare the provider in your configuration ' +
        'and run terraform init. (Run it with --schema-json to print its schema, or with --debug to start it ' +
        'for TF_REATTACH_PROVIDERS.)',
    };
  }
  const versions = env.PLUGIN_PROTOCOL_VERSIONS;
  if (versions !== undefined && versions.trim() !== '') {
    const offered = versions.split(',').map((v) => v.trim());
    if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
      return {
        ok: false,
        message:
          `The ${sourceAddress} provider speaks plugin protocol ${APP_PROTOCOL_VERSION}, but the engine offered ` +
          `only ${offered.join(', ')}. Use Terraform 1.0 or newer, or OpenTofu.`,
      };
    }
  }
  const cert = env.PLUGIN_CLIENT_CERT;
  return {
    ok: true,
    clientCertPem: cert !== undefined && cert.trim() !== '' ? cert : undefined,
    socketDir: env.PLUGIN_UNIX_SOCKET_DIR || undefined,
  };
}

/**
 * `1|6|unix|<path>|grpc|<cert>`: exactly six fields; the certificate is DER in standard
 * base64 WITHOUT padding (the client decodes with RawStdEncoding), empty when not using TLS.
 */
export function handshakeLine(socketPath: string, serverCertDer?: Uint8Array): string {
  const cert = serverCertDer ? Buffer.from(serverCertDer).toString('base64').replace(/=+$/, '') : '';
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|unix|${socketPath}|grpc|${cert}`;
}

/** For --debug: the TF_REATTACH_PROVIDERS value (Test: true makes the engine honour version 6). */
export function reattachConfig(sourceAddress: string, socketPath: string, pid: number): string {
  return JSON.stringify({
    [sourceAddress]: {
      Protocol: 'grpc',
      ProtocolVersion: APP_PROTOCOL_VERSION,
      Pid: pid,
      Test: true,
      Addr: { Network: 'unix', String: socketPath },
    },
  });
}
