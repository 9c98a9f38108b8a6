// The guarded adoption (docs/architecture.md §7.6) driven through the resource's handlers against
// the emulator over HTTP, as an engine calls them for one create: the plan, the second plan made
// at apply (given the first one's private data back only by an engine with protocol 6.11's
// store_planned_private), then the apply. test/protocol/create-guard.test.ts sends the same
// requests over gRPC; the e2e suite runs the engines of CI, which all drop that data.
import { EmulatorAdmin } from '../../../emulator/admin-client';
import type { ApiCallRecord } from '../../../emulator/request-log';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../../../emulator/server';
import { PartnerCenterClient } from '../../../provider/partnercenter';
import { ProviderClient } from '../../../provider/provider-client';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../../provider/plugin/cty/types';
import type { Diagnostic, ResourceContext } from '../../../provider/plugin/kit';
import { config } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import { decodeAdoptionPrivate } from '../../../provider/profiles/create-guard';
import { conflictSummary } from '../../../provider/profiles/errors';
import { profileResource } from '../../../provider/profiles/resource';
import { NO_PRIVATE, SILENT_LOGGER } from '../../support/resource-context';

/** Manages two fields; the rest of the profile is left as it is. */
const CONFIG = config({ purchase_order_number: 'PO-ADOPT' }, { primary_contact: { email: 'adopt@contoso.example' } });

let emulator: RunningEmulator;
let admin: EmulatorAdmin;
let client: ProviderClient;
/** A context per call, as the kit gives (one AbortSignal each). */
const ctx = (c: ProviderClient = client): ResourceContext<ProviderClient> => ({
  signal: new AbortController().signal,
  log: SILENT_LOGGER,
  client: c,
});

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  admin = new EmulatorAdmin(emulator.url);
  client = ProviderClient.ready(
    new PartnerCenterClient({ baseUrl: emulator.url, authorityHost: emulator.url, ...EMULATOR_DEFAULTS }),
  );
});
afterAll(() => emulator.close());
beforeEach(() => admin.reset());

const puts = (calls: ApiCallRecord[]) => calls.filter((c) => c.method === 'PUT');
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** One PlanResourceChange of a create, as an engine sends it. */
function planCreate(cfg: ObjectValue, engine: { storesPlannedPrivate: boolean; plannedPrivate?: Uint8Array }) {
  return profileResource(BILLING).plan(
    { prior: null, proposed: cfg, config: cfg, priorPrivate: NO_PRIVATE, priorIdentity: null, ...engine },
    ctx(),
  );
}

function applyCreate(cfg: ObjectValue, planned: ObjectValue, plannedPrivate: Uint8Array | undefined) {
  return profileResource(BILLING).apply(
    { prior: null, planned, config: cfg, plannedPrivate: plannedPrivate ?? NO_PRIVATE, plannedIdentity: null },
    ctx(),
  );
}

/** Every known planned value, by path (the engine wants each back unchanged after apply). */
function knownValues(v: Value, path = ''): Record<string, Value> {
  if (isUnknown(v)) return {};
  if (v !== null && isObjectValue(v)) {
    return Object.assign({}, ...Object.entries(v).map(([k, x]) => knownValues(x, path ? `${path}.${k}` : k)));
  }
  return { [path]: v };
}

describe('an engine that gives the plan its private data back (6.11, store_planned_private)', () => {
  const engine = { storesPlannedPrivate: true };

  it('plans the create from a read: the values the config leaves out as live, the read in the private data', async () => {
    const live = await admin.profile();
    const m = await admin.mark();
    const plan = await planCreate(CONFIG, engine);
    expect(plan.diagnostics).toEqual([]);
    expect((plan.planned.address as ObjectValue).city).toBe(live.address.city);
    expect(plan.planned.company_name).toBe(live.companyName);
    expect(plan.planned.primary_contact).toMatchObject({
      email: 'adopt@contoso.example',
      first_name: live.primaryContact.firstName,
    });
    expect(isUnknown(plan.planned.etag)).toBe(true); // a PUT follows
    expect(decodeAdoptionPrivate(BILLING, plan.plannedPrivate)?.etag).toBe(live.attributes.etag);
    expect((await admin.since(m)).api.map((c) => c.method)).toEqual(['GET']);
  });

  it.each([
    ['a field the config leaves out', { address: { city: 'Edited City' } }, /address\.city: "[^"]*" -> "Edited City"/],
    [
      'a field the config sets',
      { primaryContact: { email: 'dashboard@contoso.example' } },
      /primary_contact\.email: "[^"]*" -> "dashboard@contoso\.example"/,
    ],
  ])(
    'an edit of %s between plan and apply fails the second plan, naming it; nothing is written',
    async (_, edit, named) => {
      const first = await planCreate(CONFIG, engine);
      await admin.patchProfile(edit);
      const edited = await admin.profile();
      const m = await admin.mark();

      const second = await planCreate(CONFIG, { ...engine, plannedPrivate: first.plannedPrivate });
      const [d] = errors(second.diagnostics);
      expect(d.summary).toBe(conflictSummary(BILLING));
      expect(d.detail).toMatch(named);
      expect(d.detail).toContain('Nothing was written');
      expect(puts((await admin.since(m)).api)).toEqual([]);
      expect(await admin.profile()).toEqual(edited);
    },
  );

  it('an edit between the second plan and the apply fails the apply before any PUT; no state', async () => {
    const first = await planCreate(CONFIG, engine);
    const second = await planCreate(CONFIG, { ...engine, plannedPrivate: first.plannedPrivate });
    expect(second.diagnostics).toEqual([]);
    await admin.patchProfile({ taxId: 'OOB-TAX' });
    const m = await admin.mark();

    const res = await applyCreate(CONFIG, second.planned, second.plannedPrivate);
    expect(res.state).toBeNull();
    expect(errors(res.diagnostics)).toEqual([expect.objectContaining({ summary: conflictSummary(BILLING) })]);
    expect(res.diagnostics[0].detail).toMatch(/tax_id: "[^"]*" -> "OOB-TAX"/);
    expect(res.diagnostics[0].detail).toContain('Fields that differ from the profile the plan read');
    expect(puts((await admin.since(m)).api)).toEqual([]);
    expect((await admin.profile()).taxId).toBe('OOB-TAX');
  });

  it('unchanged: the second plan repeats the first, and the apply PUTs once and keeps every known planned value', async () => {
    const first = await planCreate(CONFIG, engine);
    const second = await planCreate(CONFIG, { ...engine, plannedPrivate: first.plannedPrivate });
    expect(second.planned).toEqual(first.planned);
    expect(second.plannedPrivate).toEqual(first.plannedPrivate);

    const m = await admin.mark();
    const res = await applyCreate(CONFIG, second.planned, second.plannedPrivate);
    expect(res.diagnostics).toEqual([]);
    expect(puts((await admin.since(m)).api).map((c) => c.status)).toEqual([200]);
    const state = knownValues(res.state);
    for (const [path, v] of Object.entries(knownValues(second.planned))) expect([path, state[path]]).toEqual([path, v]);
    expect(res.private).toEqual(NO_PRIVATE); // the read stays out of the state
  });

  it('a config the profile already holds: the plan knows the etag, the apply sends nothing and keeps it', async () => {
    const live = await admin.profile();
    const cfg = config({ tax_id: live.taxId });
    const plan = await planCreate(cfg, engine);
    expect(plan.planned.etag).toBe(live.attributes.etag);
    const m = await admin.mark();
    const res = await applyCreate(cfg, plan.planned, plan.plannedPrivate);
    expect(res.diagnostics).toEqual([]);
    expect(res.state?.etag).toBe(live.attributes.etag);
    expect(puts((await admin.since(m)).api)).toEqual([]);
  });
});

describe('an engine that drops the private data (protocol 6.10 and before: every CI engine)', () => {
  it('plans the create without reading, as before, and warns, naming the import block', async () => {
    const m = await admin.mark();
    const plan = await planCreate(CONFIG, { storesPlannedPrivate: false });
    expect((await admin.since(m)).api).toEqual([]);
    expect(isUnknown(plan.planned.address)).toBe(true);
    expect(isUnknown(plan.planned.company_name)).toBe(true);
    expect(plan.plannedPrivate).toEqual(NO_PRIVATE);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', summary: 'Billing profile not read at plan time' }),
    ]);
    expect(plan.diagnostics[0].detail).toContain('store_planned_private');
    expect(plan.diagnostics[0].detail).toContain('import { to = ');
  });

  it('applies a create planned without a read as before: the edit of a configured field is overwritten', async () => {
    const plan = await planCreate(CONFIG, { storesPlannedPrivate: false });
    await admin.patchProfile({ primaryContact: { email: 'dashboard@contoso.example' }, address: { city: 'Kept' } });
    const res = await applyCreate(CONFIG, plan.planned, plan.plannedPrivate);
    expect(res.diagnostics).toEqual([]);
    const live = await admin.profile();
    expect(live.primaryContact.email).toBe('adopt@contoso.example');
    expect(live.address.city).toBe('Kept');
  });
});

it('a provider configuration not known at plan time: no read, a warning with the reason, on any engine', async () => {
  const unavailable = ctx(
    ProviderClient.unavailable('The provider configuration depends on values not known until apply (base_url).'),
  );
  const m = await admin.mark();
  const plan = await profileResource(BILLING).plan(
    { prior: null, proposed: CONFIG, config: CONFIG, priorPrivate: NO_PRIVATE, storesPlannedPrivate: true },
    unavailable,
  );
  expect((await admin.since(m)).api).toEqual([]);
  expect(isUnknown(plan.planned.company_name)).toBe(true);
  expect(plan.diagnostics).toHaveLength(1);
  expect(plan.diagnostics[0]).toMatchObject({ severity: 'warning', summary: 'Billing profile not read at plan time' });
  expect(plan.diagnostics[0].detail).toContain('not known until apply (base_url)');
});
