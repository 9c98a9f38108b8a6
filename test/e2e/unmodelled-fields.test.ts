// Fields the provider does not model survive an apply, on every engine (docs/architecture.md
// §2.3): the emulator holds fields the provider's model lacks (set through the admin PATCH, as
// the real service holds fields the provider does not know), a PUT that leaves one out clears
// it there as the real service would, and the provider's PUT sends every one back as read.
import { SOURCE_ADDRESS } from '../../provider/meta';
import type { EmulatorAdmin, LogMark, ProfileJson } from '../../emulator/admin-client';
import { describeEachEngine } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import { flatOutput, type TfWorkdir } from '../support/tf-workdir';

const STEP_TIMEOUT = 180_000;
const APPLY = ['apply', '-auto-approve', '-input=false'];

const main = (taxId: string) => `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}

provider "partnercenter" {}

resource "partnercenter_billing_profile" "this" {
  tax_id = "${taxId}"

  address = {
    city = "Seattle"
  }

  primary_contact = {
    first_name = "Robin"
  }
}
`;

/** What the model lacks: a top-level flag, a third address line, a contact's middle name. */
const EXTRAS = {
  vatRegistered: true,
  address: { addressLine3: 'Floor 3, Building 92' },
  primaryContact: { middleName: 'Quinn' },
};

function expectExtras(profile: ProfileJson): void {
  expect(profile).toMatchObject(EXTRAS);
  expect(profile.links).toEqual({ self: { uri: '/profiles/billing', method: 'GET', headers: [] } });
}

describeEachEngine('fields the provider does not model', (engine) => {
  let setup: EmulatorWorkdir | undefined;
  let admin: EmulatorAdmin;
  let wd: TfWorkdir;

  beforeAll(async () => {
    setup = await createEmulatorWorkdir(engine, { 'main.tf': main('TAX-1') });
    ({ admin, wd } = setup);
    expectExtras(await admin.patchProfile(EXTRAS));
  }, STEP_TIMEOUT);

  afterAll(() => setup?.dispose());

  /** Applies, then returns the one PUT body the emulator logged for it. */
  async function applyAndPutBody(): Promise<ProfileJson> {
    const mark: LogMark = await admin.mark();
    const out = await wd.run(APPLY);
    expect(flatOutput(out)).not.toMatch(/inconsistent|bug in the provider/i);
    const puts = (await admin.since(mark)).api.filter((r) => r.method === 'PUT');
    expect(puts.map((p) => p.status)).toEqual([200]);
    return puts[0].body as ProfileJson;
  }

  test(
    'the first apply (adopt) sends them back in its PUT, and the profile keeps them',
    async () => {
      const body = await applyAndPutBody();
      expectExtras(body);
      expect(body).toMatchObject({
        taxId: 'TAX-1',
        address: { city: 'Seattle' },
        primaryContact: { firstName: 'Robin' },
      });

      const live = await admin.profile();
      expectExtras(live);
      expect(live).toMatchObject({
        taxId: 'TAX-1',
        address: { city: 'Seattle' },
        primaryContact: { firstName: 'Robin' },
      });
    },
    STEP_TIMEOUT,
  );

  test(
    'an update keeps them too, and the next plan is empty',
    async () => {
      await wd.writeFile('main.tf', main('TAX-2'));
      const body = await applyAndPutBody();
      expectExtras(body);
      expect(body.taxId).toBe('TAX-2');

      const live = await admin.profile();
      expectExtras(live);
      expect(live.taxId).toBe('TAX-2');

      const plan = await wd.run(['plan', '-detailed-exitcode'], { allowExitCodes: [0] });
      expect(plan.stdout).toContain('No changes');
    },
    STEP_TIMEOUT,
  );
});
