import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as der from '../../../../provider/plugin/tls/der';
import { createServerCertificate } from '../../../../provider/plugin/tls/server-cert';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('DER writer', () => {
  test('lengths use the short form below 128 and the long form above', () => {
    expect(hex(der.tlv(0x04, new Uint8Array(3)))).toBe('0403000000');
    expect(hex(der.tlv(0x04, new Uint8Array(200)).subarray(0, 3))).toBe('0481c8');
    expect(hex(der.tlv(0x04, new Uint8Array(300)).subarray(0, 4))).toBe('0482012c');
  });

  test('object identifiers', () => {
    expect(hex(der.oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(der.oid('2.5.29.17'))).toBe('0603551d11');
  });

  test('integers stay positive and minimal', () => {
    expect(hex(der.unsignedInteger(Uint8Array.of(0x00, 0x00, 0x7f)))).toBe('02017f');
    expect(hex(der.unsignedInteger(Uint8Array.of(0x80)))).toBe('02020080');
    expect(hex(der.smallInteger(2))).toBe('020102');
  });

  test('times: UTCTime through 2049, GeneralizedTime from 2050, always UTC', () => {
    expect(
      Buffer.from(der.time(new Date(Date.UTC(2026, 0, 2, 3, 4, 5))))
        .toString('latin1')
        .slice(2),
    ).toBe('260102030405Z');
    expect(der.time(new Date(Date.UTC(2026, 0, 2)))[0]).toBe(0x17);
    const late = der.time(new Date(Date.UTC(2056, 10, 23, 21, 0, 0)));
    expect(late[0]).toBe(0x18);
    expect(Buffer.from(late).toString('latin1').slice(2)).toBe('20561123210000Z');
  });
});

describe('server certificate', () => {
  const now = new Date(Date.UTC(2030, 5, 1, 12, 0, 0));
  const cert = createServerCertificate(now);
  const x509 = new X509Certificate(cert.certPem);

  test('PEM and DER are the same certificate, and the key matches it', () => {
    expect(new Uint8Array(x509.raw)).toEqual(cert.der);
    expect(x509.checkPrivateKey(createPrivateKey(cert.keyPem))).toBe(true);
  });

  test('is self-signed for localhost, O=HashiCorp, a CA, valid from 30 s before now for ~30 years', () => {
    expect(x509.subject).toBe('O=HashiCorp\nCN=localhost');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.subjectAltName).toBe('DNS:localhost');
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(new Date(x509.validFrom).getTime()).toBe(now.getTime() - 30_000);
    expect(new Date(x509.validTo).getTime()).toBe(now.getTime() + 262_980 * 3600 * 1000);
    expect(x509.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
  });

  test('has a positive 128-bit serial, fresh every time', () => {
    expect(x509.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(new X509Certificate(createServerCertificate().certPem).serialNumber).not.toBe(x509.serialNumber);
  });

  test('openssl accepts it as a TLS server certificate for localhost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plugin-cert-'));
    const file = join(dir, 'cert.pem');
    writeFileSync(file, createServerCertificate().certPem);
    const out = execFileSync(
      'openssl',
      ['verify', '-CAfile', file, '-purpose', 'sslserver', '-verify_hostname', 'localhost', file],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe(`${file}: OK`);
  });
});
