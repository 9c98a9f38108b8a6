// The admin API has no authentication, so a web page in the operator's browser must not be able
// to drive it (docs/security.md): requests must name a host of ours (DNS rebinding gives the
// attacker's name instead), must not come from another origin, and a body must be declared
// JSON (a cross-origin "simple" POST can only be text/plain, form or multipart).
import type { IncomingHttpHeaders } from 'node:http';
import { hostname as machineName, networkInterfaces } from 'node:os';

/** Hosts (lower case, IPv6 in brackets, no port) the admin API answers to. */
export type AdminHosts = ReadonlySet<string>;

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isLoopbackName(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The hosts for an emulator listening on `listenHost`: loopback always; an explicit other
 * host as well; for a wildcard, the machine's own addresses and name (none of which a page can
 * make its own by rebinding a DNS name).
 */
export function adminHostsFor(listenHost: string | undefined): AdminHosts {
  const hosts = new Set<string>();
  const h = listenHost?.toLowerCase();
  if (h !== undefined && WILDCARDS.has(h)) {
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) hosts.add(bracketed(a.address.toLowerCase().replace(/%.*$/, '')));
    hosts.add(machineName().toLowerCase());
  } else if (h !== undefined) {
    hosts.add(bracketed(h));
  }
  return hosts;
}

/** The host part of a Host header value (`name`, `name:port`, `[v6]`, `[v6]:port`), lower case. */
function hostOf(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(0, v.indexOf(']') + 1);
  return v.replace(/:\d*$/, '');
}

function allowed(host: string, hosts: AdminHosts): boolean {
  return isLoopbackName(host) || hosts.has(host);
}

export interface AdminRefusal {
  status: number;
  error: string;
}

const JSON_TYPE = /^application\/json\s*(;.*)?$/i;

/** Why an admin request is refused, or undefined when it may proceed. */
export function adminRequestRefusal(headers: IncomingHttpHeaders, hosts: AdminHosts): AdminRefusal | undefined {
  const known = ['127.0.0.1', '[::1]', 'localhost', ...hosts].join(', ');
  const host = headers.host;
  if (host === undefined || !allowed(hostOf(host), hosts)) {
    return {
      status: 403,
      error:
        `the admin API answers only requests addressed to ${known} (any port), not to Host ${JSON.stringify(host ?? '')}: ` +
        'this protects it from web pages (DNS rebinding). Call it as http://127.0.0.1:<port>/_emulator/…, ' +
        'or start the emulator with --host <name> to serve that name.',
    };
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined || !allowed(hostOf(originHost), hosts)) {
      return {
        status: 403,
        error: `the admin API refuses requests from web pages (Origin ${JSON.stringify(origin)}); call it from a script, curl or the test tools`,
      };
    }
  }
  const type = headers['content-type'];
  const hasBody =
    headers['transfer-encoding'] !== undefined ||
    (headers['content-length'] !== undefined && headers['content-length'] !== '0');
  if ((type !== undefined || hasBody) && !JSON_TYPE.test(type ?? '')) {
    return {
      status: 415,
      error:
        `the admin API takes JSON bodies only: send Content-Type: application/json (got ${type === undefined ? 'none' : JSON.stringify(type)}), ` +
        `e.g. curl -H 'content-type: application/json' -d '{…}'`,
    };
  }
  return undefined;
}
