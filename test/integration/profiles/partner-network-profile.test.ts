// The partner network data source read with the real client over HTTP: from the emulator, which
// answers the id under both partnerId and its older name mpnId, and through a stand-in that
// passes on the emulator's answer with only one of the two names, as an older or a newer API would.
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';
import { ProviderClient } from '../../../provider/provider-client';
import type { ResourceContext } from '../../../provider/plugin/kit';
import { PARTNER_NETWORK } from '../../../provider/profiles/specs';
import { profileDataSource } from '../../../provider/profiles/data-source';
import { emulatorClient } from '../../support/emulator-client';
import { startRecordingProxy, type RecordingProxy } from '../../support/recording-proxy';
import { resourceContext } from '../../support/resource-context';

describe('partner network data source', () => {
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  const proxies: RecordingProxy[] = [];
  const dataSource = profileDataSource(PARTNER_NETWORK);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    admin = new EmulatorAdmin(emulator.url);
  });
  afterAll(async () => {
    for (const p of proxies) await p.close();
    await emulator.close();
  });

  const ctxFor = (baseUrl: string): ResourceContext<ProviderClient> =>
    resourceContext(emulatorClient(emulator, { baseUrl }));

  /** The emulator's mpn answer without the field `drop`. */
  async function answeringWithout(drop: 'partnerId' | 'mpnId'): Promise<RecordingProxy> {
    const proxy = await startRecordingProxy(emulator.url, (call, body) => {
      if (!call.url.startsWith('/v1/profiles/mpn')) return body;
      const copy = { ...(body as Record<string, unknown>) };
      delete copy[drop];
      return copy;
    });
    proxies.push(proxy);
    return proxy;
  }

  it('reads the partner name and id from GET /v1/profiles/mpn, with no etag and the tenant', async () => {
    const live = await admin.getProfileOf('mpn');
    expect(live.partnerId).toMatch(/^\d{7}$/);
    expect(live.mpnId).toBe(live.partnerId);

    const res = await dataSource.read({}, ctxFor(emulator.url));
    expect(res.diagnostics).toEqual([]);
    expect(res.state).toEqual({
      id: 'mpn',
      partner_name: 'Contoso Partner Ltd',
      partner_id: live.partnerId,
      profile_type: 'mpn_profile',
      tenant_id: expect.any(String),
    });
  });

  it('reads partnerId when the API gives only it', async () => {
    const proxy = await answeringWithout('mpnId');
    const res = await dataSource.read({}, ctxFor(proxy.url));
    expect(res.diagnostics).toEqual([]);
    expect(res.state!.partner_id).toBe((await admin.getProfileOf('mpn')).partnerId);
    expect(proxy.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /v1/profiles/mpn']);
  });

  it('reads the older name mpnId when the API gives only it', async () => {
    const proxy = await answeringWithout('partnerId');
    await admin.patchProfileOf('mpn', { partnerId: '7654321' });
    const res = await dataSource.read({}, ctxFor(proxy.url));
    expect(res.diagnostics).toEqual([]);
    expect(res.state!.partner_id).toBe('7654321');
    expect(res.state!.partner_name).toBe('Contoso Partner Ltd');
  });
});
