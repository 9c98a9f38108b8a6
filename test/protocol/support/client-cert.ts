// A client certificate with go-plugin's profile (ECDSA P-521, SHA-512, O=HashiCorp,
// CN=localhost, SAN localhost, CA, both EKUs), made with the openssl CLI as an engine would
// make it with Go's crypto/x509.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ClientCert {
  certPem: string;
  keyPem: string;
}

export function makeClientCert(): ClientCert {
  const dir = mkdtempSync(join(tmpdir(), 'kit-client-cert-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-521',
      '-sha512',
      '-nodes',
      '-subj',
      '/O=HashiCorp/CN=localhost',
      '-days',
      '10950',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign',
      '-addext',
      'extendedKeyUsage=clientAuth,serverAuth',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { certPem: readFileSync(cert, 'utf8'), keyPem: readFileSync(key, 'utf8') };
}
