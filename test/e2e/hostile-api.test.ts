// What a hostile API can put on the user's terminal through a real engine: an error whose code,
// description and request id carry terminal escapes (clear screen, a fake "Apply complete!"
// line, an OSC 52 clipboard write) and a 5 MB description, from the API and from the token
// endpoint. The plan output must hold none of the control characters, show the description once
// and cut, and stay small. The stand-in server is test/support/hostile-api.ts.
import { SOURCE_ADDRESS } from '../../provider/meta';
import { describeEachEngine } from '../support/engines';
import { workdirFor } from '../support/emulator-workdir';
import { DESCRIPTION_MARK, startHostileApi, type HostileApi } from '../support/hostile-api';
import type { RunResult, TfWorkdir } from '../support/tf-workdir';

const STEP_TIMEOUT = 180_000;

// A data source is read at plan time, so the plan calls the API (and, in refresh-token mode, the
// token endpoint first).
const FILES = {
  'main.tf': `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}

provider "partnercenter" {}

data "partnercenter_billing_profile" "this" {}
`,
};

/** C0 (line breaks and tabs aside), DEL, C1 and the bidi overrides. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex

function expectNothingRaw(run: RunResult): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).not.toMatch(CONTROL);
  // The fake engine line is part of a diagnostic's text, never a line of its own.
  expect(output).not.toMatch(/^\s*Apply complete!/m);
  // The 5 MB description: shown once, cut.
  expect(output.split(DESCRIPTION_MARK)).toHaveLength(2);
  expect(output.length).toBeLessThan(20_000);
}

describeEachEngine('hostile API texts reach the terminal stripped and cut', (engine) => {
  let api: HostileApi | undefined;
  let wd: TfWorkdir | undefined;
  afterEach(async () => {
    await wd?.dispose();
    await api?.close();
    wd = api = undefined;
  });

  it(
    'a 400 from the API with escapes in its code, description and request id',
    async () => {
      api = await startHostileApi({ api: { kind: 'escapes' } });
      wd = await workdirFor(engine, FILES, api.url);
      const plan = await wd.run(['plan', '-input=false'], {
        allowExitCodes: [1],
        env: { PARTNERCENTER_REFRESH_TOKEN: undefined, PARTNERCENTER_ACCESS_TOKEN: 'hostile-e2e-access-token' },
      });
      expect(plan.stdout + plan.stderr).toContain('Partner Center API returned 400');
      expectNothingRaw(plan);
    },
    STEP_TIMEOUT,
  );

  it(
    'an OAuth error from the token endpoint with escapes in error and error_description',
    async () => {
      api = await startHostileApi({ token: { kind: 'escapes' } });
      wd = await workdirFor(engine, FILES, api.url);
      const plan = await wd.run(['plan', '-input=false'], { allowExitCodes: [1] });
      const output = `${plan.stdout}\n${plan.stderr}`;
      expect(output).toContain('Entra ID refused the refresh-token exchange');
      expect(output).not.toMatch(CONTROL);
      expect(output).not.toMatch(/^\s*Apply complete!/m);
      expect(output.length).toBeLessThan(20_000);
    },
    STEP_TIMEOUT,
  );
});
