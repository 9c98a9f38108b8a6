// Secrets never leak, checked over a whole `npm run demo` per pinned engine (and the CDKTF
// story): the demo runs with TF_LOG=trace into one log file, a confidential client (a client
// secret the emulator requires) and a refresh token made up for this run; then the trace log,
// every file the demo leaves (state, backups, saved plans, lock files, the CLI config...) and
// its stdout/stderr (the engines' output and diagnostics) are searched for the refresh token,
// the client secret and any access token the emulator issued (JWTs: they start `eyJ`, as does
// their payload).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDemo } from '../support/demo-run';
import { listEngines } from '../support/engines';
import { filesUnder, leaks, type Artifact } from '../support/secret-scan';

const RUN_TIMEOUT = 240_000;
// The demo's --engine with --pinned runs the default build of that engine (bin/terraform,
// bin/tofu), so the side builds (bin/tofu-1.12.6) are left out here;
// test/e2e/ephemeral-secrets.test.ts scans theirs.
const engines = listEngines().filter((e) => e.pinned && path.basename(e.path) === e.name);
const runs: { label: string; args: string[] }[] = [
  ...engines.map((e) => ({ label: `${e.name} ${e.version}`, args: ['--engine', e.name, '--pinned'] })),
  { label: 'the CDKTF story', args: ['--cdktf'] },
];

describe.each(runs)('npm run demo with TF_LOG=trace: $label', ({ args }) => {
  const refreshToken = `demo-refresh-${randomBytes(12).toString('hex')}`;
  const clientSecret = `demo-secret-${randomBytes(12).toString('hex')}`;
  let scratch: string;
  let workdir: string | undefined;
  let code: number;
  let output: string;
  let log: string;
  let files: Artifact[];
  let cacheFiles: Artifact[];

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'secrets-scan-'));
    const logPath = path.join(scratch, 'trace.log');
    // The provider's code cache (written after the handshake, and again at the exit of the first
    // launch that called the API) lands here, so it is scanned too.
    const cacheHome = path.join(scratch, 'xdg-cache');
    ({ code, out: output } = await runDemo(
      [...args, '--keep'],
      {
        TF_LOG: 'trace',
        TF_LOG_PATH: logPath,
        PARTNERCENTER_DEMO_REFRESH_TOKEN: refreshToken,
        PARTNERCENTER_DEMO_CLIENT_SECRET: clientSecret,
        XDG_CACHE_HOME: cacheHome,
      },
      RUN_TIMEOUT,
    ));
    workdir = /^kept (\S+)$/m.exec(output)?.[1];
    log = readFileSync(logPath, 'utf8');
    files = workdir ? filesUnder(workdir) : [];
    cacheFiles = existsSync(cacheHome)
      ? filesUnder(cacheHome).map((f) => ({ ...f, name: `XDG_CACHE_HOME/${f.name}` }))
      : [];
  }, RUN_TIMEOUT);

  afterAll(() => {
    if (workdir) rmSync(workdir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the demo completes with the confidential client and says where the log goes', () => {
    expect(output).toContain('Demo complete');
    expect(code).toBe(0);
    expect(output).toContain('the emulator expects a client secret');
    expect(output).toMatch(/TF_LOG=trace: every engine run appends its log to /);
  });

  test('the trace log is the real thing: every run, provider RPCs, API calls and the token exchange, redacted', () => {
    // More than one engine command appended to the one file.
    expect(log.match(/\[INFO\]\s+(Terraform|OpenTofu) version:/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
    for (const rpc of ['ConfigureProvider', 'ReadResource', 'PlanResourceChange', 'ApplyResourceChange']) {
      expect(log).toMatch(new RegExp(`provider\\.terraform-provider-partnercenter[^\\n]*tf_rpc=${rpc}`));
    }
    expect(log).toMatch(/Partner Center API call: .*method=PUT/);
    expect(log).toContain('Partner Center API request body');
    // The token exchange was logged at trace with its secrets in it, and they came out redacted.
    expect(log).toMatch(/Entra ID token request: .*refresh_token=\[REDACTED\].*client_secret=\[REDACTED\]/);
    expect(log).toMatch(/Entra ID token response: .*access_token:\[REDACTED\]/);
  });

  test('the files left behind include the state, its backup and a saved plan', () => {
    expect(workdir).toBeDefined();
    const names = files.map((f) => path.basename(f.name));
    expect(names.some((n) => /\.tfstate$/.test(n))).toBe(true);
    expect(names.some((n) => /\.tfstate\.backup$/.test(n))).toBe(true);
    expect(names).toContain('stale.tfplan!tfstate'); // the plan archive was opened
    // The engines' state (not .terraform/terraform.tfstate, which only records the backend).
    const states = files.filter((f) => /\.tfstate$/.test(f.name) && !f.name.split(path.sep).includes('.terraform'));
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) expect(state.text).toContain('partnercenter_billing_profile');
  });

  test('the code cache written during the runs is there, completed by an API-calling launch', () => {
    const caches = cacheFiles.filter((f) => f.name.endsWith('.v8cache'));
    expect(caches.length).toBeGreaterThan(0);
    expect(caches.some((f) => f.text.startsWith('PCV8CC02'))).toBe(true);
  });

  test('no refresh token, client secret or access token in the log, the files, the code cache or the output', () => {
    const artifacts: Artifact[] = [
      { name: 'TF_LOG_PATH', text: log },
      { name: 'stdout+stderr', text: output },
      ...files,
      ...cacheFiles,
    ];
    expect(leaks(artifacts, { 'refresh token': refreshToken, 'client secret': clientSecret })).toEqual([]);
  });
});
