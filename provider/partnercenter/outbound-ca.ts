// The extra certificate authorities of NODE_EXTRA_CA_CERTS, for the provider's own outbound HTTPS
// only. Node 20 reads that file with all its bundled roots before any code runs (tens of ms on
// every launch, and the engines launch the provider 3 or 4 times per command), so the launcher
// moves the variable aside (provider/launcher/launcher.sh) and the provider applies the file
// itself, lazily, on its first HTTPS call (docs/architecture.md §10).
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';

/** Where the launcher puts the user's NODE_EXTRA_CA_CERTS. Set only by the launcher. */
export const MOVED_EXTRA_CA_CERTS = 'PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS';

let extraCaFile: string | undefined;
let agent: Agent | undefined;

/**
 * Puts the user's NODE_EXTRA_CA_CERTS back into `env` (so child processes such as `az` get the
 * environment as the user set it) and remembers the file for outbound HTTPS. Run once at start-up,
 * before anything reads the environment. A variable set to "" by the user is kept as "".
 */
export function restoreExtraCaCerts(env: NodeJS.ProcessEnv = process.env): void {
  const moved = env[MOVED_EXTRA_CA_CERTS];
  if (moved === undefined) return;
  delete env[MOVED_EXTRA_CA_CERTS];
  env.NODE_EXTRA_CA_CERTS = moved;
  extraCaFile = moved || undefined;
}

/** The PEM certificates of a file, in order; none when it holds none. */
export function pemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
}

/**
 * The agent for an HTTPS request: one that trusts Node's bundled roots plus the moved extra CAs,
 * built on first use and kept; undefined (Node's default agent and roots) when there is no moved
 * file. Like Node, a file that cannot be read is reported on stderr and ignored.
 */
export function outboundHttpsAgent(): Agent | undefined {
  if (extraCaFile === undefined) return undefined;
  if (agent) return agent;
  let extra: string[] = [];
  try {
    extra = pemCertificates(readFileSync(extraCaFile, 'latin1'));
    if (!extra.length) throw new Error('no PEM certificate in it');
  } catch (err) {
    process.stderr.write(
      `Warning: Ignoring extra certs from \`${extraCaFile}\`, load failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  }
  // One secure context for every connection: a `ca` option on each request would parse the whole
  // list again per connection.
  const secureContext = createSecureContext({ ca: [...rootCertificates, ...extra] });
  agent = new Agent({ keepAlive: true, secureContext });
  return agent;
}
