// The support profile's resource handlers driven directly (no engine) against the emulator over
// HTTP with the real client. The API gives this profile no etag, so the apply's guard compares the
// live writable values with the ones the plan was made from (guard.ts), and the PUT carries no
// If-Match.
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';
import { ProviderClient } from '../../../provider/provider-client';
import type { ObjectValue } from '../../../provider/plugin/cty/types';
import type { ResourceContext } from '../../../provider/plugin/kit';
import { SUPPORT } from '../../../provider/profiles/specs';
import { conflictSummary } from '../../../provider/profiles/errors';
import { planProfile } from '../../../provider/profiles/plan';
import { profileResource } from '../../../provider/profiles/resource';
import { profileToState } from '../../../provider/profiles/state';
import { configOf } from '../../support/arbitraries';
import { emulatorClient } from '../../support/emulator-client';
import { NO_PRIVATE, resourceContext } from '../../support/resource-context';

describe('support profile against the emulator', () => {
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let ctx: ResourceContext<ProviderClient>;
  const resource = profileResource(SUPPORT);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    admin = new EmulatorAdmin(emulator.url);
    ctx = resourceContext(emulatorClient(emulator));
  });
  afterAll(() => emulator.close());
  beforeEach(() => admin.reset());

  /** The refreshed state and the plan of `values`, as the engine has them before an apply. */
  async function planned(values: Record<string, string>) {
    const read = await resource.read({ state: profileToState(SUPPORT, {}), private: NO_PRIVATE }, ctx);
    expect(read.diagnostics).toEqual([]);
    const prior = read.state!;
    const config = configOf(SUPPORT, values);
    const plan = planProfile(SUPPORT, prior, config);
    expect(plan.diagnostics).toEqual([]);
    return { prior, config, planned: plan.planned };
  }

  const apply = (prior: ObjectValue, planned: ObjectValue, config: ObjectValue) =>
    resource.apply({ prior, planned, config, plannedPrivate: NO_PRIVATE }, ctx);

  it('refuses the apply when the telephone changed out of band since the plan, naming it, and writes nothing', async () => {
    const { prior, config, planned: plan } = await planned({ email: 'help@contoso-partner.example' });
    expect(prior.telephone).toBe('+1 425 555 0101');
    expect('etag' in prior).toBe(false);

    await admin.patchProfileOf('support', { telephone: '+1 425 555 0199' });
    const mark = await admin.mark();
    const res = await apply(prior, plan, config);

    expect(res.state).toBe(prior);
    expect(res.diagnostics).toHaveLength(1);
    const [d] = res.diagnostics;
    expect(d).toMatchObject({ severity: 'error', summary: 'Support profile changed outside Terraform since the plan' });
    expect(d.summary).toBe(conflictSummary(SUPPORT));
    expect(d.detail).toContain('no longer has the values this plan was made against');
    expect(d.detail).toContain('telephone: "+1 425 555 0101" -> "+1 425 555 0199"');
    expect(d.detail).toContain('Nothing was written');
    const calls = (await admin.since(mark)).api;
    expect(calls.map((c) => c.method)).toEqual(['GET']);
    expect((await admin.getProfileOf('support')).email).toBe('support@contoso-partner.example');
  });

  it('a change of a field the plan does not read as changed (letter case of the e-mail) is no conflict', async () => {
    const { prior, config, planned: plan } = await planned({ telephone: '+1 425 555 0123' });
    await admin.patchProfileOf('support', { email: 'SUPPORT@Contoso-Partner.example' });
    const res = await apply(prior, plan, config);
    expect(res.diagnostics).toEqual([]);
    expect((await admin.getProfileOf('support')).telephone).toBe('+1 425 555 0123');
  });

  it('without an out-of-band edit, the apply PUTs once, without If-Match or etag, and the next plan is empty', async () => {
    const { prior, config, planned: plan } = await planned({ telephone: '+1 425 555 0150', website: '' });
    expect(plan.telephone).toBe('+1 425 555 0150');
    const mark = await admin.mark();
    const res = await apply(prior, plan, config);

    expect(res.diagnostics).toEqual([]);
    const puts = (await admin.since(mark)).api.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ path: '/v1/profiles/support', status: 200, ifMatch: null, bodyEtag: null });
    expect(puts[0].body).toMatchObject({ telephone: '+1 425 555 0150', email: 'support@contoso-partner.example' });

    const live = await admin.getProfileOf('support');
    expect(live.telephone).toBe('+1 425 555 0150');
    expect(live.website ?? '').toBe('');
    expect(res.state).toMatchObject({ id: 'support', telephone: '+1 425 555 0150', website: '' });
    expect('etag' in res.state!).toBe(false);

    const refreshed = (await resource.read({ state: res.state!, private: NO_PRIVATE }, ctx)).state!;
    expect(refreshed).toEqual(res.state);
    expect(planProfile(SUPPORT, refreshed, config).planned).toBe(refreshed);
  });
});
