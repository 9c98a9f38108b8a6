// The provider's self-signed TLS server certificate for go-plugin AutoMTLS. The engine pins it
// (it is the only root it trusts, from the handshake line) and checks it for host "localhost",
// so it needs SAN DNS:localhost and, having an EKU extension, serverAuth. The profile mirrors
// go-plugin's own (O=HashiCorp, CN=localhost, CA:TRUE, both EKUs) but with a P-256 key, which
// is much faster to generate and accepted by Go's TLS stack.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import * as der from './der';

export interface ServerCertificate {
  /** DER bytes of the certificate (what the handshake line carries). */
  der: Uint8Array;
  certPem: string;
  keyPem: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  organization: '2.5.4.10',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const VALIDITY_MS = 262_980 * 3600 * 1000; // ~30 years, as go-plugin
const BACKDATE_MS = 30_000; // tolerate small clock differences

function name(): Uint8Array {
  const rdn = (type: string, value: string) => der.set(der.sequence(der.oid(type), der.utf8String(value)));
  return der.sequence(rdn(OID.organization, 'HashiCorp'), rdn(OID.commonName, 'localhost'));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value))
    : der.sequence(der.oid(id), der.octetString(value));
}

function extensions(): Uint8Array {
  // keyUsage bits 0 digitalSignature, 2 keyEncipherment, 4 keyAgreement, 5 keyCertSign:
  // 0b10101100 with the two trailing (unused) bits dropped.
  const keyUsage = der.bitString(Uint8Array.of(0xac), 2);
  const dnsName = der.tlv(0x82, new TextEncoder().encode('localhost')); // [2] IMPLICIT IA5String
  return der.explicit(
    3,
    der.sequence(
      extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
      extension(OID.keyUsage, true, keyUsage),
      extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.clientAuth), der.oid(OID.serverAuth))),
      extension(OID.subjectAltName, false, der.sequence(dnsName)),
    ),
  );
}

function toPem(label: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

export function createServerCertificate(now = new Date()): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // positive 128-bit serial (newer Go rejects negative ones)
  serial[0] |= 0x01; // and never a shorter, zero-led one
  const algorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // v3
    der.unsignedInteger(serial),
    algorithm,
    name(),
    der.sequence(der.time(new Date(now.getTime() - BACKDATE_MS)), der.time(new Date(now.getTime() + VALIDITY_MS))),
    name(),
    spki,
    extensions(),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const cert = der.sequence(tbs, algorithm, der.bitString(signature));
  return {
    der: cert,
    certPem: toPem('CERTIFICATE', cert),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
