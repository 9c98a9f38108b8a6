// The Azure CLI token source's reading of az: its token and account answers, the claims of the
// token, and the mapping of each failure to an error naming its fix (azure-cli.ts).
import type { AzRun } from '../../../provider/partnercenter/az-process';
import {
  AzureCliError,
  accountProblem,
  azMessage,
  failureOf,
  isAppOnly,
  parseAccountOutput,
  parseExpiresOn,
  parseTokenOutput,
  tokenClaims,
  tokenProblem,
  type FailureContext,
} from '../../../provider/partnercenter/azure-cli';
import { CLOUDS } from '../../../provider/partnercenter/clouds';
import { Redactor } from '../../../provider/partnercenter/redact';

const TENANT = '0c5f2f9e-8f0a-4a52-9d6c-6f0d3a2b1c01';
const OTHER_TENANT = '7e1b9c44-2d7e-4c4b-b1f0-3f8e2a6d9b02';

function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const USER_TOKEN = jwt({ tid: TENANT, scp: 'user_impersonation', oid: 'o-1', sub: 's-1', idtyp: 'user' });

function run(over: Partial<AzRun>): AzRun {
  return { code: 1, stdout: '', stderr: '', timedOut: false, cancelled: false, overflow: false, ...over };
}

const CTX: FailureContext = {
  command: 'az account get-access-token --scope https://api.partnercenter.microsoft.com/user_impersonation',
  timeoutMs: 30_000,
  file: '/usr/bin/az',
};

function problemOf(e: AzureCliError | undefined): string | undefined {
  return e?.problem;
}

describe('parseTokenOutput: az account get-access-token --output json', () => {
  const expiresOn = '2031-10-31 21:59:10.000000';

  it('reads accessToken, the POSIX expires_on (az 2.54+; number or text) and tenant', () => {
    const out = {
      accessToken: USER_TOKEN,
      expiresOn,
      expires_on: 1951337950,
      subscription: 's',
      tenant: TENANT,
      tokenType: 'Bearer',
    };
    expect(parseTokenOutput(JSON.stringify(out))).toEqual({
      token: USER_TOKEN,
      expiresAt: 1951337950_000,
      tenant: TENANT,
    });
    expect(parseTokenOutput(JSON.stringify({ ...out, expires_on: '1951337950' })).expiresAt).toBe(1951337950_000);
  });

  it('falls back to expiresOn, a local time without zone (older az)', () => {
    const t = parseTokenOutput(JSON.stringify({ accessToken: 'tok-abcdef', expiresOn, tenant: TENANT }));
    expect(t.expiresAt).toBe(new Date(2031, 9, 31, 21, 59, 10, 0).getTime());
    expect(parseExpiresOn('2031-10-31 21:59:10')).toBe(new Date(2031, 9, 31, 21, 59, 10).getTime());
    expect(parseExpiresOn('2031-10-31T21:59:10.5Z')).toBe(Date.UTC(2031, 9, 31, 21, 59, 10, 500));
    expect(parseExpiresOn('tomorrow')).toBeUndefined();
  });

  it('refuses an answer without JSON, token or expiry, never quoting what az printed', () => {
    const secretish = 'eyJhbGciOi-not-json-secret';
    for (const [stdout, says] of [
      [secretish, /did not print JSON/],
      [JSON.stringify({ expires_on: 1951337950 }), /no accessToken/],
      [JSON.stringify({ accessToken: 'two words', expires_on: 1951337950 }), /no accessToken/],
      [JSON.stringify({ accessToken: secretish, expiresOn: 'soon' }), /no readable expiry/],
    ] as const) {
      let error: unknown;
      try {
        parseTokenOutput(stdout);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AzureCliError);
      expect((error as AzureCliError).problem).toBe('output');
      expect((error as Error).message).toMatch(says);
      expect((error as Error).message).not.toContain(secretish);
    }
  });
});

describe('parseAccountOutput: az account show --output json', () => {
  it('reads the cloud (environmentName) and the kind of sign-in (user.type)', () => {
    const show = {
      environmentName: 'AzureCloud',
      id: 'sub',
      tenantId: TENANT,
      user: { name: 'admin@contoso.example', type: 'user' },
    };
    expect(parseAccountOutput(JSON.stringify(show))).toEqual({
      cloudName: 'AzureCloud',
      userType: 'user',
      userName: 'admin@contoso.example',
    });
    expect(parseAccountOutput('not json')).toBeUndefined();
    expect(parseAccountOutput('[]')).toBeUndefined();
  });
});

describe('token claims', () => {
  it('decodes a JWT payload, and nothing else', () => {
    expect(tokenClaims(USER_TOKEN)).toMatchObject({ tid: TENANT, scp: 'user_impersonation' });
    expect(tokenClaims('opaque-token')).toBeUndefined();
    expect(tokenClaims('a.!!!.c')).toBeUndefined();
  });

  it('tells app-only tokens: idtyp app, or no scp with roles, or oid equal to sub', () => {
    expect(isAppOnly({ idtyp: 'app' })).toBe(true);
    expect(isAppOnly({ roles: ['x'], oid: 'a', sub: 'b' })).toBe(true);
    expect(isAppOnly({ oid: 'a', sub: 'a' })).toBe(true);
    expect(isAppOnly({ scp: 'user_impersonation', oid: 'a', sub: 'b' })).toBe(false);
    expect(isAppOnly({ idtyp: 'user', roles: ['x'] })).toBe(false);
    expect(isAppOnly({ tid: TENANT })).toBe(false); // nothing to judge by
  });
});

describe('tokenProblem', () => {
  const answer = (token: string, tenant?: string) => ({ token, expiresAt: Date.now() + 3_600_000, tenant });

  it('refuses an app-only token (a service principal sign-in), naming az login as a user', () => {
    const e = tokenProblem(answer(jwt({ tid: TENANT, idtyp: 'app', roles: [] })), TENANT);
    expect(e?.problem).toBe('app-only');
    expect(e?.message).toMatch(/App\+User tokens, from a user's sign-in: run `az login` as a user/);
  });

  it('refuses a token of another tenant than the tenant id (a GUID), naming az login --tenant', () => {
    const e = tokenProblem(answer(jwt({ tid: OTHER_TENANT, scp: 'user_impersonation' })), TENANT);
    expect(e?.problem).toBe('other-tenant');
    expect(e?.message).toContain(`for tenant ${OTHER_TENANT}, not for tenant ${TENANT}`);
    expect(e?.message).toContain(`az login --tenant ${TENANT}`);
    // An opaque token: az's own "tenant" field tells.
    expect(problemOf(tokenProblem(answer('opaque-token', OTHER_TENANT), TENANT))).toBe('other-tenant');
  });

  it('accepts a delegated token of the tenant, any tenant when none is given, and a domain it cannot compare', () => {
    expect(tokenProblem(answer(USER_TOKEN), TENANT.toUpperCase())).toBeUndefined();
    expect(tokenProblem(answer(USER_TOKEN))).toBeUndefined();
    expect(tokenProblem(answer(USER_TOKEN), 'contoso.onmicrosoft.com')).toBeUndefined();
  });
});

describe('accountProblem', () => {
  it('names `az cloud set` with the Azure cloud of the environment', () => {
    const cases = [
      ['public', 'AzureChinaCloud', 'AzureCloud'],
      ['china', 'AzureCloud', 'AzureChinaCloud'],
      ['usgov', 'AzureCloud', 'AzureUSGovernment'],
    ] as const;
    for (const [env, cli, want] of cases) {
      const e = accountProblem({ cloudName: cli, userType: 'user' }, CLOUDS[env]);
      expect(e?.problem).toBe('cloud');
      expect(e?.message).toContain(`set to the cloud ${cli}, but environment "${env}" signs in with ${want}`);
      expect(e?.message).toContain(`az cloud set --name ${want}`);
    }
    expect(accountProblem({ cloudName: 'azurecloud', userType: 'user' }, CLOUDS.public)).toBeUndefined();
  });

  it('refuses a service principal or managed identity sign-in', () => {
    const e = accountProblem(
      { cloudName: 'AzureCloud', userType: 'servicePrincipal', userName: 'app-id' },
      CLOUDS.public,
    );
    expect(e?.problem).toBe('app-only');
    expect(e?.message).toContain('signed in as a service principal or managed identity (app-id)');
    expect(e?.message).toContain('run `az login` as a user');
  });
});

describe('failureOf: a failed az run', () => {
  it("not signed in: az's own message, and az login (with the tenant when given)", () => {
    const stderr = "ERROR: Please run 'az login' to setup account.\n";
    const e = failureOf(run({ stderr }), CTX);
    expect(e.problem).toBe('not-signed-in');
    expect(e.message).toContain('run `az login`');
    expect(e.message).toContain(`az said: "Please run 'az login' to setup account."`);
    expect(failureOf(run({ stderr }), { ...CTX, tenantId: TENANT }).message).toContain(`az login --tenant ${TENANT}`);
  });

  it('an expired or refused sign-in counts as not signed in', () => {
    const stderr =
      'ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nInteractive authentication is needed. Please run:\naz login --scope https://api.partnercenter.microsoft.com/user_impersonation\n';
    expect(failureOf(run({ stderr }), CTX).problem).toBe('not-signed-in');
  });

  it('another tenant: the account is not in the tenant asked for', () => {
    const stderr = `ERROR: AADSTS50020: User account 'admin@contoso.example' from identity provider 'https://sts.windows.net/${OTHER_TENANT}/' does not exist in tenant '${TENANT}'.\nInteractive authentication is needed. Please run:\naz login --tenant "${TENANT}"\n`;
    const e = failureOf(run({ stderr }), { ...CTX, tenantId: TENANT });
    expect(e.problem).toBe('other-tenant');
    expect(e.message).toContain(`not signed in to tenant ${TENANT}`);
    expect(e.message).toContain(`az login --tenant ${TENANT}`);
    expect(e.message).toContain('AADSTS50020');
  });

  it('a timeout, an az that is missing, not executable, too old, or prints too much', () => {
    expect(failureOf(run({ code: null, timedOut: true }), CTX)).toMatchObject({
      problem: 'timeout',
      message: expect.stringContaining('did not finish within 30 s and was stopped') as unknown,
    });
    const enoent = Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });
    expect(failureOf(run({ spawnError: enoent }), CTX).problem).toBe('not-installed');
    const eacces = Object.assign(new Error('spawn EACCES'), { code: 'EACCES' });
    expect(failureOf(run({ spawnError: eacces }), CTX)).toMatchObject({ problem: 'failed' });
    const old = 'ERROR: unrecognized arguments: --scope https://api.partnercenter.microsoft.com/user_impersonation\n';
    expect(failureOf(run({ code: 2, stderr: old }), CTX).problem).toBe('too-old');
    expect(failureOf(run({ code: null, overflow: true }), CTX).problem).toBe('output');
  });

  it("anything else: the exit code and az's message, or a pointer to run it by hand", () => {
    const e = failureOf(run({ code: 3, stderr: 'ERROR: Something else broke.' }), CTX);
    expect(e).toMatchObject({ problem: 'failed' });
    expect(e.message).toContain('failed with exit code 3. az said: "Something else broke."');
    expect(failureOf(run({ code: 1 }), CTX).message).toContain('printed no error message');
  });
});

describe('azMessage', () => {
  it('keeps az\'s error from "ERROR:" on, on one line, without control characters, cut', () => {
    expect(azMessage('WARNING: a new version\nERROR: \u001b[31mbad\u001b[0m\nthing\n')).toBe('[31mbad[0m thing');
    expect(azMessage(`ERROR: ${'x'.repeat(1000)}`)).toHaveLength(401);
  });

  it('hides a secret the client knows', () => {
    const r = new Redactor();
    r.remember('very-secret-value');
    expect(azMessage('ERROR: got very-secret-value back', r)).toBe('got [REDACTED] back');
  });
});
