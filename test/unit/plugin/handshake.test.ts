import { X509Certificate } from 'node:crypto';
import {
  MAGIC_COOKIE_VALUE,
  checkLaunchEnvironment,
  handshakeLine,
  reattachConfig,
} from '../../../provider/plugin/handshake';
import { createServerCertificate } from '../../../provider/plugin/tls/server-cert';

const ADDR = 'terraform.local/ns/ex';
const engine = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
  PLUGIN_PROTOCOL_VERSIONS: '5,6',
  ...extra,
});

describe('checkLaunchEnvironment', () => {
  test('needs the magic cookie, and says how the program is meant to be used', () => {
    const res = checkLaunchEnvironment({}, ADDR);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.message).toMatch(/terraform\.local\/ns\/ex provider plugin.*not run directly/);
    expect(checkLaunchEnvironment({ TF_PLUGIN_MAGIC_COOKIE: 'nope' }, ADDR).ok).toBe(false);
  });

  test('accepts 6 anywhere in the version list, or no list at all', () => {
    for (const v of ['5,6', '6,5', ' 5 , 6 ', '6', undefined]) {
      expect(checkLaunchEnvironment(engine({ PLUGIN_PROTOCOL_VERSIONS: v }), ADDR).ok).toBe(true);
    }
  });

  test('refuses a list without 6, naming what was offered', () => {
    const res = checkLaunchEnvironment(engine({ PLUGIN_PROTOCOL_VERSIONS: '4,5' }), ADDR);
    expect(res).toEqual({ ok: false, message: expect.stringContaining('offered only 4, 5') });
  });

  test('passes on the client certificate and the socket directory', () => {
    expect(
      checkLaunchEnvironment(engine({ PLUGIN_CLIENT_CERT: 'PEM', PLUGIN_UNIX_SOCKET_DIR: '/run/x' }), ADDR),
    ).toEqual({
      ok: true,
      clientCertPem: 'PEM',
      socketDir: '/run/x',
    });
    expect(checkLaunchEnvironment(engine({ PLUGIN_CLIENT_CERT: '' }), ADDR)).toEqual({
      ok: true,
      clientCertPem: undefined,
      socketDir: undefined,
    });
  });
});

describe('handshakeLine', () => {
  test('six fields, certificate as unpadded standard base64 DER', () => {
    for (let i = 0; i < 5; i++) {
      const cert = createServerCertificate();
      const line = handshakeLine('/tmp/p/plugin.sock', cert.der);
      const fields = line.split('|');
      expect(fields.slice(0, 5)).toEqual(['1', '6', 'unix', '/tmp/p/plugin.sock', 'grpc']);
      expect(fields).toHaveLength(6);
      expect(fields[5]).toMatch(/^[A-Za-z0-9+/]+$/);
      const der = Buffer.from(fields[5], 'base64');
      expect(new X509Certificate(der).raw.equals(Buffer.from(cert.der))).toBe(true);
    }
  });

  test('an empty certificate field without TLS', () => {
    expect(handshakeLine('/s')).toBe('1|6|unix|/s|grpc|');
  });
});

test('reattachConfig is the TF_REATTACH_PROVIDERS JSON with Test: true and protocol 6', () => {
  expect(JSON.parse(reattachConfig(ADDR, '/s', 42))).toEqual({
    [ADDR]: { Protocol: 'grpc', ProtocolVersion: 6, Pid: 42, Test: true, Addr: { Network: 'unix', String: '/s' } },
  });
});
