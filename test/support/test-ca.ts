// A throw-away certificate authority and a server certificate for 127.0.0.1 / localhost, made with
// the openssl CLI (node:crypto cannot issue X.509 certificates). The engines are Go programs: on
// Linux they trust the CA when SSL_CERT_FILE names its certificate.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface TestCa {
  /** PEM file of the CA certificate: the value for SSL_CERT_FILE. */
  caCertFile: string;
  /** The server's key and certificate (PEM), for https.createServer. */
  key: Buffer;
  cert: Buffer;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') {
      throw new Error(
        'the openssl CLI is not on PATH: install it (Debian: apt-get install openssl); the HTTPS tests need it',
        { cause: e },
      );
    }
    throw new Error(`openssl ${args.join(' ')} failed:\n${err.stderr?.toString() ?? String(e)}`, { cause: e });
  }
}

/** Writes the CA and server files into `dir` (which must exist) and returns them. */
export async function makeTestCa(dir: string): Promise<TestCa> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=partnercenter test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  // Go accepts a server name only from subjectAltName, never from the CN.
  await writeFile(
    path.join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'server.ext',
    ],
    dir,
  );
  return {
    caCertFile: path.join(dir, 'ca.crt'),
    key: readFileSync(path.join(dir, 'server.key')),
    cert: readFileSync(path.join(dir, 'server.crt')),
  };
}
