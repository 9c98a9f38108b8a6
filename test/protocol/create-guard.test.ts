// The guarded adoption over gRPC: the real provider bundle, launched as the engines launch it and
// pointed at the emulator, gets the requests of one create as an engine sends them. An engine
// with protocol 6.11 sets client_capabilities.store_planned_private in PlanResourceChange and
// gives the first plan's planned_private back in the second plan, made at apply; no engine of CI
// does yet (test/e2e/create-guard.test.ts runs those), so this is where the kit's passing of both
// and the provider's use of them meet an engine's wire format.
import { EmulatorAdmin } from '../../emulator/admin-client';
import { providerEnvFor, startEmulator, type RunningEmulator } from '../../emulator/server';
import { impliedType } from '../../provider/plugin/cty/schema-type';
import { isUnknown, type CtyType, type ObjectValue } from '../../provider/plugin/cty/types';
import * as pb from '../../provider/plugin/proto/tfplugin6';
import { createProvider } from '../../provider/provider';
import { PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { makeClientCert } from './support/client-cert';
import { call, connect, parseHandshake, type EngineClient } from './support/grpc-client';
import { launchProvider, stopProvider, type ProviderProcess } from './support/launcher';
import { dv, fromDv, text } from './support/values';
import { BILLING } from '../../provider/profiles/specs';
import { conflictSummary } from '../../provider/profiles/errors';

const definition = createProvider({});
const providerType: CtyType = impliedType(definition.schema.block);
const resourceType: CtyType = impliedType(
  definition.resources.find((r) => r.typeName === BILLING.typeName)!.schema.block,
);
const { Error: ERROR, Warning: WARNING } = pb.Severity;

/** Manages the purchase order number and the contact e-mail; the rest is left as it is. */
const CONFIG: ObjectValue = { purchase_order_number: 'PO-GRPC', primary_contact: { email: 'grpc@contoso.example' } };

let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let provider: ProviderProcess;
let engine: EngineClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  admin = new EmulatorAdmin(emulator.url);
  const clientCert = makeClientCert();
  provider = launchProvider({ clientCert, bundle: requireBundle(PROVIDER_BUNDLE), env: providerEnvFor(emulator.url) });
  engine = connect(parseHandshake(await provider.firstLine), clientCert);
  const configured = await call(engine.provider, 'ConfigureProvider', {
    terraform_version: '1.16.0',
    config: dv({}, providerType),
  });
  expect(configured.diagnostics.filter((d: pb.Diagnostic) => d.severity === ERROR)).toEqual([]);
});

afterAll(async () => {
  engine?.close();
  if (provider) await stopProvider(provider);
  await emulator?.close();
});

beforeEach(() => admin.reset());

const rpc = <T = any>(method: string, req: object) => call<T>(engine.provider, method, req);
const puts = async (m: Awaited<ReturnType<EmulatorAdmin['mark']>>) =>
  (await admin.since(m)).api.filter((c) => c.method === 'PUT');

/** PlanResourceChange of the create; `storesPrivate` is the 6.11 capability. */
function plan(
  storesPrivate: boolean,
  plannedPrivate: Uint8Array = new Uint8Array(),
): Promise<pb.PlanResourceChangeResponse> {
  return rpc('PlanResourceChange', {
    type_name: BILLING.typeName,
    prior_state: dv(null, resourceType),
    proposed_new_state: dv(CONFIG, resourceType),
    config: dv(CONFIG, resourceType),
    prior_private: new Uint8Array(),
    client_capabilities: { store_planned_private: storesPrivate },
    planned_private: plannedPrivate,
  });
}

const planned = (res: pb.PlanResourceChangeResponse) => fromDv(res.planned_state, resourceType) as ObjectValue;

describe('a 6.11 engine (store_planned_private)', () => {
  test('the create plan shows the live values; an edit before the apply fails its second plan, naming the field', async () => {
    const live = await admin.profile();
    const first = await plan(true);
    expect(first.diagnostics).toEqual([]);
    expect((planned(first).address as ObjectValue).city).toBe(live.address.city);
    expect(planned(first).company_name).toBe(live.companyName);
    expect(JSON.parse(text(first.planned_private))).toMatchObject({ v: 1, etag: live.attributes.etag });

    await admin.patchProfile({ address: { city: 'Edited in the dashboard' } });
    const m = await admin.mark();
    const second = await plan(true, first.planned_private);
    const [d] = second.diagnostics.filter((x) => x.severity === ERROR);
    expect(d.summary).toBe(conflictSummary(BILLING));
    expect(d.detail).toContain(`address.city: "${live.address.city}" -> "Edited in the dashboard"`);
    expect(await puts(m)).toEqual([]);
    expect((await admin.profile()).address.city).toBe('Edited in the dashboard');
  });

  test('unchanged: the second plan repeats the first; the apply PUTs once and leaves no private data', async () => {
    const first = await plan(true);
    const second = await plan(true, first.planned_private);
    expect(second.diagnostics).toEqual([]);
    expect(planned(second)).toEqual(planned(first));
    const m = await admin.mark();
    const applied = await rpc<pb.ApplyResourceChangeResponse>('ApplyResourceChange', {
      type_name: BILLING.typeName,
      prior_state: dv(null, resourceType),
      planned_state: second.planned_state,
      config: dv(CONFIG, resourceType),
      planned_private: second.planned_private,
    });
    expect(applied.diagnostics).toEqual([]);
    expect((await puts(m)).map((p) => p.status)).toEqual([200]);
    const state = fromDv(applied.new_state, resourceType) as ObjectValue;
    expect(state.purchase_order_number).toBe('PO-GRPC');
    expect(state.address).toEqual(planned(second).address);
    expect(applied.private).toEqual(new Uint8Array());
  });
});

test('an engine before 6.11: the create plan reads nothing and warns, as it cannot guard the adoption', async () => {
  const m = await admin.mark();
  const res = await plan(false);
  expect((await admin.since(m)).api).toEqual([]);
  expect(isUnknown(planned(res).company_name)).toBe(true);
  expect(res.diagnostics).toEqual([
    expect.objectContaining({ severity: WARNING, summary: 'Billing profile not read at plan time' }),
  ]);
});
