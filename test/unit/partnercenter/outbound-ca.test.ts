// The provider's side of the launcher's NODE_EXTRA_CA_CERTS hand-over (provider/partnercenter/outbound-ca.ts).
import {
  MOVED_EXTRA_CA_CERTS,
  pemCertificates,
  restoreExtraCaCerts,
} from '../../../provider/partnercenter/outbound-ca';

const PEM = (n: number) => `-----BEGIN CERTIFICATE-----\nMIIB${n}AAAA\n-----END CERTIFICATE-----`;

test('restores NODE_EXTRA_CA_CERTS as the user set it and drops the launcher name', () => {
  const env: NodeJS.ProcessEnv = { [MOVED_EXTRA_CA_CERTS]: '/etc/ca.pem', OTHER: 'x' };
  restoreExtraCaCerts(env);
  expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/ca.pem', OTHER: 'x' });
  const untouched: NodeJS.ProcessEnv = { OTHER: 'x' };
  restoreExtraCaCerts(untouched);
  expect(untouched).toEqual({ OTHER: 'x' });
});

test('reads every PEM certificate of a bundle, ignoring what is around them', () => {
  expect(pemCertificates(`# comment\n${PEM(1)}\nnoise\n${PEM(2)}\n`)).toEqual([PEM(1), PEM(2)]);
  expect(pemCertificates('not a certificate')).toEqual([]);
});
