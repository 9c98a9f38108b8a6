// The legal business profile's resource handlers driven directly (no engine) with the real client,
// against the emulator over HTTP through a recording stand-in that keeps each call's query (the
// emulator's log keeps the path only): the read asks for the current vetting version, and a rename
// the API refuses once vetting is Authorized comes back in the API's own words.
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';
import { ProviderClient } from '../../../provider/provider-client';
import type { ResourceContext } from '../../../provider/plugin/kit';
import { LEGAL_BUSINESS } from '../../../provider/profiles/specs';
import { planProfile } from '../../../provider/profiles/plan';
import { profileResource } from '../../../provider/profiles/resource';
import { profileDataSource } from '../../../provider/profiles/data-source';
import { profileToState } from '../../../provider/profiles/state';
import { configOf } from '../../support/arbitraries';
import { emulatorClient } from '../../support/emulator-client';
import { startRecordingProxy, type RecordingProxy } from '../../support/recording-proxy';
import { NO_PRIVATE, resourceContext } from '../../support/resource-context';

describe('legal business profile against the emulator', () => {
  let emulator: RunningEmulator;
  let proxy: RecordingProxy;
  let admin: EmulatorAdmin;
  let ctx: ResourceContext<ProviderClient>;
  const resource = profileResource(LEGAL_BUSINESS);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    proxy = await startRecordingProxy(emulator.url);
    admin = new EmulatorAdmin(emulator.url);
    // API calls through the stand-in; tokens straight from the emulator.
    const client = emulatorClient(emulator, { baseUrl: proxy.url });
    ctx = resourceContext(client);
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await admin.reset();
    proxy.calls.length = 0;
  });

  async function refreshed() {
    const read = await resource.read({ state: profileToState(LEGAL_BUSINESS, {}), private: NO_PRIVATE }, ctx);
    expect(read.diagnostics).toEqual([]);
    return read.state!;
  }

  it('reads the current vetting version: GET /v1/profiles/legalbusiness?vettingVersion=Current', async () => {
    const state = await refreshed();
    expect(state).toMatchObject({ id: 'legalbusiness', company_name: 'Contoso Partner Ltd', vetting_status: 'None' });
    expect(state.etag).toEqual(expect.any(String));

    const data = await profileDataSource(LEGAL_BUSINESS).read({}, ctx);
    expect(data.diagnostics).toEqual([]);
    expect(data.state).toMatchObject({ company_approver_email: 'approver@contoso-partner.example' });

    const reads = proxy.calls.filter((c) => c.url.startsWith('/v1/'));
    expect(reads.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /v1/profiles/legalbusiness?vettingVersion=Current',
      'GET /v1/profiles/legalbusiness?vettingVersion=Current',
    ]);
    // What the emulator logged is the same call (its log drops the query).
    expect((await admin.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/profiles/legalbusiness',
      'GET /v1/profiles/legalbusiness',
    ]);
  });

  it('a rename after vetting is Authorized: the API refusal, in its words, with its code; nothing changed, one PUT', async () => {
    await admin.patchProfileOf('legalbusiness', { vettingStatus: 'Authorized', vettingSubStatus: 'Decision' });
    const prior = await refreshed();
    expect(prior.vetting_status).toBe('Authorized');
    const config = configOf(LEGAL_BUSINESS, { company_name: 'Contoso Renamed Ltd' });
    const { planned, diagnostics } = planProfile(LEGAL_BUSINESS, prior, config);
    expect(diagnostics).toEqual([]);

    const mark = await admin.mark();
    const res = await resource.apply({ prior, planned, config, plannedPrivate: NO_PRIVATE }, ctx);

    expect(res.state).toBe(prior);
    expect(res.diagnostics).toHaveLength(1);
    const [d] = res.diagnostics;
    expect(d).toMatchObject({
      severity: 'error',
      summary: 'Partner Center API error while updating the legal business profile',
    });
    expect(d.detail).toContain(
      'Invalid property companyName: the company name of a legal business profile whose vetting is Authorized cannot be changed through the API',
    );
    expect(d.detail).toContain('Keep the current company name, or contact Partner Center support');
    expect(d.detail).toContain('HTTP status: 400');
    expect(d.detail).toContain('API error code: 3000');

    const calls = (await admin.since(mark)).api;
    expect(calls.filter((c) => c.method === 'PUT').map((c) => [c.path, c.status, c.ifMatch])).toEqual([
      ['/v1/profiles/legalbusiness', 400, `"${prior.etag as string}"`],
    ]);
    expect((await admin.getProfileOf('legalbusiness')).companyName).toBe('Contoso Partner Ltd');
  });

  it('after Authorized, a change that keeps the name is applied, sending the vetting fields back as read', async () => {
    await admin.patchProfileOf('legalbusiness', { vettingStatus: 'Authorized' });
    const prior = await refreshed();
    const config = configOf(LEGAL_BUSINESS, {
      company_name: 'Contoso Partner Ltd',
      'company_approver_address.country': 'ca',
    });
    const { planned } = planProfile(LEGAL_BUSINESS, prior, config);
    const mark = await admin.mark();
    const res = await resource.apply({ prior, planned, config, plannedPrivate: NO_PRIVATE }, ctx);

    expect(res.diagnostics).toEqual([]);
    const [put] = (await admin.since(mark)).api.filter((c) => c.method === 'PUT');
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ vettingStatus: 'Authorized', companyApproverAddress: { country: 'ca' } });
    expect(res.state).toMatchObject({ vetting_status: 'Authorized', company_approver_address: { country: 'ca' } });
    expect(res.state!.etag).not.toBe(prior.etag);
  });
});
