// The billing profile's state bound to its partner tenant (docs/architecture.md §3.6), the
// resource's handlers driven directly against an emulator serving two partner tenants, with the
// real client: credentials of another tenant are refused by read, plan, apply and import before
// any API call, naming both tenants and the fix; a state without a tenant (schema version 0) is
// bound by its next read without a diff; a token whose tenant cannot be read is refused for a
// bound state only.
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../../../emulator/server';
import { PartnerCenterClient } from '../../../provider/partnercenter';
import { UNKNOWN, type ObjectValue } from '../../../provider/plugin/cty/types';
import type { Diagnostic, ResourceContext } from '../../../provider/plugin/kit';
import { ProviderClient } from '../../../provider/provider-client';
import { config } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import { profileDataSource } from '../../../provider/profiles/data-source';
import { profileResource } from '../../../provider/profiles/resource';
import { TENANT_UNKNOWN_SUMMARY, tenantMismatchSummary } from '../../../provider/profiles/tenant';
import { NO_PRIVATE, resourceContext } from '../../support/resource-context';

const A = EMULATOR_DEFAULTS.tenantId;
const B = '22222222-2222-4222-8222-222222222222';

let emulator: RunningEmulator;
let admin: EmulatorAdmin;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  admin = new EmulatorAdmin(emulator.url);
  await admin.addTenant(B, {
    companyName: 'Fabrikam Sandbox',
    address: { country: 'DE', addressLine1: 'Hauptstr. 1' },
    taxId: 'DE-1',
  });
});
afterAll(() => emulator.close());
beforeEach(() => admin.reset());

/** A fresh client (its own token cache) for the credentials of `tenant`, or a given access token. */
function ctx(credentials: { tenant: string } | { accessToken: string }): ResourceContext<ProviderClient> {
  const client = new PartnerCenterClient(
    'tenant' in credentials
      ? { baseUrl: emulator.url, authorityHost: emulator.url, ...EMULATOR_DEFAULTS, tenantId: credentials.tenant }
      : { baseUrl: emulator.url, accessToken: credentials.accessToken },
  );
  return resourceContext(client);
}

/** Plans and applies `cfg` as the engine would: plan, then apply that plan. */
async function planAndApply(prior: ObjectValue | null, cfg: ObjectValue, c: ResourceContext<ProviderClient>) {
  const plan = await profileResource(BILLING).plan(
    { prior, proposed: cfg, config: cfg, priorPrivate: NO_PRIVATE, priorIdentity: null },
    c,
  );
  expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return profileResource(BILLING).apply(
    { prior, planned: plan.planned, config: cfg, plannedPrivate: plan.plannedPrivate ?? NO_PRIVATE },
    c,
  );
}

/** The state of tenant A's profile, adopted with A's credentials. */
async function stateOfA(): Promise<ObjectValue> {
  const res = await planAndApply(null, config({ purchase_order_number: 'PO-A' }), ctx({ tenant: A }));
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return res.state!;
}

function expectMismatch(diagnostics: Diagnostic[], outcome: string): void {
  expect(diagnostics).toHaveLength(1);
  const [d] = diagnostics;
  expect(d).toMatchObject({ severity: 'error', summary: tenantMismatchSummary(BILLING) });
  expect(d.detail).toContain(`was read from partner tenant ${A}`);
  expect(d.detail).toContain(`credentials are for partner tenant ${B}`);
  expect(d.detail).toContain(outcome);
  expect(d.detail).toContain(`use credentials of that tenant`);
  expect(d.detail).toContain('terraform state rm');
  expect(d.detail).toContain('terraform import <address> billing');
  expect(d.detail).not.toMatch(/eyJ[\w-]+\.eyJ/); // no access token
}

async function profiles() {
  return { a: await admin.profile(), b: await admin.forTenant(B).profile() };
}

describe('a state bound to tenant A, with the credentials of tenant B', () => {
  it('adopting with A records tenant A in the state and the identity', async () => {
    const res = await planAndApply(null, config({ purchase_order_number: 'PO-A' }), ctx({ tenant: A }));
    expect(res.state).toMatchObject({ tenant_id: A, purchase_order_number: 'PO-A' });
    expect(res.identity).toEqual({ tenant_id: A });
    expect((await admin.profile()).purchaseOrderNumber).toBe('PO-A');
  });

  it('read fails naming both tenants, before any API call, and keeps the state', async () => {
    const state = await stateOfA();
    const before = await admin.mark();
    const res = await profileResource(BILLING).read(
      { state, private: NO_PRIVATE, identity: { tenant_id: A } },
      ctx({ tenant: B }),
    );
    expect(res.state).toBe(state);
    expectMismatch(res.diagnostics, 'Nothing was read or written');
    const since = await admin.since(before);
    expect(since.api).toEqual([]);
    expect(since.tokens.map((t) => t.tenant)).toEqual([B]); // only B's token was asked for
  });

  it('plan (as without a refresh) fails naming both tenants and plans nothing', async () => {
    const prior = await stateOfA();
    const cfg = config({ purchase_order_number: 'PO-B' });
    const before = await admin.mark();
    const plan = await profileResource(BILLING).plan(
      { prior, proposed: cfg, config: cfg, priorPrivate: NO_PRIVATE, priorIdentity: { tenant_id: A } },
      ctx({ tenant: B }),
    );
    expect(plan.planned).toBe(prior);
    expectMismatch(plan.diagnostics, 'Nothing was written');
    expect((await admin.since(before)).api).toEqual([]);
  });

  it('apply fails naming both tenants, sends nothing, and leaves both profiles as they were', async () => {
    const prior = await stateOfA();
    const cfg = config({ purchase_order_number: 'PO-B' });
    // Planned with A's credentials, applied with B's (the credentials changed in between).
    const plan = await profileResource(BILLING).plan(
      { prior, proposed: cfg, config: cfg, priorPrivate: NO_PRIVATE, priorIdentity: { tenant_id: A } },
      ctx({ tenant: A }),
    );
    const was = await profiles();
    const before = await admin.mark();
    const res = await profileResource(BILLING).apply(
      { prior, planned: plan.planned, config: cfg, plannedPrivate: NO_PRIVATE, plannedIdentity: { tenant_id: A } },
      ctx({ tenant: B }),
    );
    expect(res.state).toBe(prior);
    expectMismatch(res.diagnostics, 'Nothing was written');
    expect((await admin.since(before)).api).toEqual([]);
    expect(await profiles()).toEqual(was);
  });

  it('the same steps with A credentials pass: tenant ids compare ignoring case', async () => {
    const state = await stateOfA();
    const upper = { ...state, tenant_id: A.toUpperCase() };
    const res = await profileResource(BILLING).read({ state: upper, private: NO_PRIVATE }, ctx({ tenant: A }));
    expect(res.diagnostics).toEqual([]);
    expect(res.state).toMatchObject({ tenant_id: A.toUpperCase(), purchase_order_number: 'PO-A' });
  });
});

describe('import', () => {
  it('by id records the tenant of the credentials', async () => {
    const res = await profileResource(BILLING).import!('billing', ctx({ tenant: B }));
    expect(res.diagnostics).toEqual([]);
    expect(res.state).toMatchObject({ tenant_id: B, company_name: 'Fabrikam Sandbox' });
    expect(res.identity).toEqual({ tenant_id: B });
  });

  it('by an identity naming another tenant fails naming both, before any API call', async () => {
    const before = await admin.mark();
    const res = await profileResource(BILLING).import!('', ctx({ tenant: B }), { tenant_id: A });
    expect(res.state).toBeNull();
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics[0]).toMatchObject({ severity: 'error', summary: tenantMismatchSummary(BILLING) });
    expect(res.diagnostics[0].detail).toContain(`identity names partner tenant ${A}`);
    expect(res.diagnostics[0].detail).toContain(`credentials are for partner tenant ${B}`);
    expect((await admin.since(before)).api).toEqual([]);

    const own = await profileResource(BILLING).import!('', ctx({ tenant: B }), { tenant_id: B });
    expect(own.diagnostics).toEqual([]);
    expect(own.state).toMatchObject({ tenant_id: B, company_name: 'Fabrikam Sandbox' });
  });
});

describe('a state written before tenant_id (schema version 0)', () => {
  it('upgrades with tenant_id null, the next read fills it, and the plan is empty', async () => {
    const { tenant_id: _dropped, ...v0 } = await stateOfA();
    const upgraded = profileResource(BILLING).upgrade!(0, v0);
    expect(upgraded).toEqual({ state: { ...v0, tenant_id: null }, diagnostics: [] });

    const read = await profileResource(BILLING).read(
      { state: upgraded.state, private: NO_PRIVATE },
      ctx({ tenant: A }),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.state).toEqual({ ...v0, tenant_id: A });
    expect(read.identity).toEqual({ tenant_id: A });

    const cfg = config({ purchase_order_number: 'PO-A' });
    const plan = await profileResource(BILLING).plan(
      { prior: read.state, proposed: cfg, config: cfg, priorPrivate: NO_PRIVATE, priorIdentity: { tenant_id: A } },
      ctx({ tenant: A }),
    );
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toBe(read.state); // no diff
  });

  it('an update planned from it before any read plans tenant_id unknown, and the apply fills it', async () => {
    const { tenant_id: _dropped, ...v0 } = await stateOfA();
    const prior = profileResource(BILLING).upgrade!(0, v0).state;
    const cfg = config({ purchase_order_number: 'PO-A2' });
    const plan = await profileResource(BILLING).plan(
      { prior, proposed: cfg, config: cfg, priorPrivate: NO_PRIVATE, priorIdentity: null },
      ctx({ tenant: A }),
    );
    expect(plan.planned.tenant_id).toBe(UNKNOWN);
    const res = await planAndApply(prior, cfg, ctx({ tenant: A }));
    expect(res.diagnostics).toEqual([]);
    expect(res.state).toMatchObject({ tenant_id: A, purchase_order_number: 'PO-A2' });
  });
});

describe('a token whose tenant cannot be read (not a JWT)', () => {
  it('is refused for a bound state, naming the tenant and the cause, before any API call', async () => {
    const state = await stateOfA();
    const before = await admin.mark();
    const res = await profileResource(BILLING).read(
      { state, private: NO_PRIVATE },
      ctx({ accessToken: 'opaque-access-token-1234' }),
    );
    expect(res.state).toBe(state);
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics[0]).toMatchObject({ severity: 'error', summary: TENANT_UNKNOWN_SUMMARY });
    expect(res.diagnostics[0].detail).toContain(`was read from partner tenant ${A}`);
    expect(res.diagnostics[0].detail).toContain('the access token is not a JWT');
    expect(res.diagnostics[0].detail).not.toContain('opaque-access-token-1234');
    expect((await admin.since(before)).api).toEqual([]);
  });

  it('leaves an unbound state to the API, which judges the token', async () => {
    const { tenant_id: _dropped, ...v0 } = await stateOfA();
    const state = { ...v0, tenant_id: null };
    const before = await admin.mark();
    const res = await profileResource(BILLING).read(
      { state, private: NO_PRIVATE },
      ctx({ accessToken: 'opaque-access-token-1234' }),
    );
    expect(res.diagnostics[0].summary).toMatch(/Partner Center API refused the credentials/);
    expect((await admin.since(before)).api.map((c) => c.status)).toEqual([401]);
  });
});

it('the data source reports the tenant of the credentials', async () => {
  const res = await profileDataSource(BILLING).read(config(), ctx({ tenant: B }));
  expect(res.diagnostics).toEqual([]);
  expect(res.state).toMatchObject({ tenant_id: B, company_name: 'Fabrikam Sandbox' });
});
