// The organization profile's resource handlers driven directly (no engine) against the emulator
// over HTTP with the real client: a round trip guarded by the etag (read, plan, PUT with If-Match
// and attributes.etag of the read, a new etag back, refresh, empty plan), and the etag guard when
// the profile changed out of band since the plan.
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';
import { ProviderClient } from '../../../provider/provider-client';
import { isUnknown } from '../../../provider/plugin/cty/types';
import type { ResourceContext } from '../../../provider/plugin/kit';
import { ORGANIZATION } from '../../../provider/profiles/specs';
import { planProfile } from '../../../provider/profiles/plan';
import { profileResource } from '../../../provider/profiles/resource';
import { profileToState } from '../../../provider/profiles/state';
import { configOf } from '../../support/arbitraries';
import { emulatorClient } from '../../support/emulator-client';
import { NO_PRIVATE, resourceContext } from '../../support/resource-context';

describe('organization profile against the emulator', () => {
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let ctx: ResourceContext<ProviderClient>;
  const resource = profileResource(ORGANIZATION);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    admin = new EmulatorAdmin(emulator.url);
    ctx = resourceContext(emulatorClient(emulator));
  });
  afterAll(() => emulator.close());
  beforeEach(() => admin.reset());

  async function refreshed() {
    const read = await resource.read({ state: profileToState(ORGANIZATION, {}), private: NO_PRIVATE }, ctx);
    expect(read.diagnostics).toEqual([]);
    return read.state!;
  }

  it('round trip: PUT with the etag read, a new etag in state, then no drift and an empty plan', async () => {
    const prior = await refreshed();
    const etag = prior.etag as string;
    expect(typeof etag).toBe('string');
    expect(etag).toBe((await admin.getProfileOf('organization')).attributes.etag);
    const config = configOf(ORGANIZATION, {
      culture: 'fr-FR',
      email: 'Admin@Contoso-Partner.example',
      'default_address.city': 'Bellevue',
    });
    const { planned, diagnostics } = planProfile(ORGANIZATION, prior, config);
    expect(diagnostics).toEqual([]);
    expect(isUnknown(planned.etag)).toBe(true);

    const mark = await admin.mark();
    const res = await resource.apply({ prior, planned, config, plannedPrivate: NO_PRIVATE }, ctx);
    expect(res.diagnostics).toEqual([]);

    const calls = (await admin.since(mark)).api;
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /v1/profiles/organization 200',
      'PUT /v1/profiles/organization 200',
    ]);
    expect(calls[1]).toMatchObject({ ifMatch: `"${etag}"`, bodyEtag: etag });
    // Read-only and unmodelled fields go back as read.
    expect(calls[1].body).toMatchObject({ domain: 'contoso-partner.onmicrosoft.com', tenantId: expect.any(String) });

    const live = await admin.getProfileOf('organization');
    expect(live).toMatchObject({ culture: 'fr-FR', defaultAddress: { city: 'Bellevue' } });
    const state = res.state!;
    expect(state.etag).toBe(live.attributes.etag);
    expect(state.etag).not.toBe(etag);
    // An e-mail equal but for letter case was planned, and is kept, in the prior spelling.
    expect(planned.email).toBe('admin@contoso-partner.example');
    expect(state).toMatchObject({ culture: 'fr-FR', email: 'admin@contoso-partner.example' });

    const again = (await resource.read({ state, private: NO_PRIVATE }, ctx)).state!;
    expect(again).toEqual(state);
    expect(planProfile(ORGANIZATION, again, config).planned).toBe(again);
  });

  it('refuses the apply when the etag moved since the plan, naming the changed field; no PUT', async () => {
    const prior = await refreshed();
    const config = configOf(ORGANIZATION, { language: 'de' });
    const { planned } = planProfile(ORGANIZATION, prior, config);
    await admin.patchProfileOf('organization', { companyName: 'Contoso Renamed' });

    const mark = await admin.mark();
    const res = await resource.apply({ prior, planned, config, plannedPrivate: NO_PRIVATE }, ctx);
    expect(res.state).toBe(prior);
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics[0].summary).toBe('Organization profile changed outside Terraform since the plan');
    expect(res.diagnostics[0].detail).toContain('no longer has the version (etag) this plan was made against');
    expect(res.diagnostics[0].detail).toContain('company_name: "Contoso Partner Ltd" -> "Contoso Renamed"');
    expect((await admin.since(mark)).api.map((c) => c.method)).toEqual(['GET']);
  });
});
