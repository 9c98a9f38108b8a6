// A Partner Center that answers 200 to a PUT without applying it (docs/architecture.md §2.3): the
// apply says so plainly, naming the fields it sent and what the answer held, instead of handing the
// engine a state that breaks its "known planned values come back unchanged" rule (which the engine
// reports as "Provider produced inconsistent result after apply … a bug in the provider"). The
// resource's apply runs with the real client against a stand-in server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterClient } from '../../../provider/partnercenter';
import { ProviderClient } from '../../../provider/provider-client';
import type { ResourceContext } from '../../../provider/plugin/kit';
import type { ObjectValue } from '../../../provider/plugin/cty/types';
import { config } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import { planProfile } from '../../../provider/profiles/plan';
import { profileResource } from '../../../provider/profiles/resource';
import { profileToState } from '../../../provider/profiles/state';
import type { BillingProfile } from '../../../provider/partnercenter';
import { resourceContext } from '../../support/resource-context';

const STORED = {
  companyName: 'Contoso',
  address: { country: 'US', addressLine1: '1 Main St', city: 'Redmond' },
  primaryContact: { email: 'billing@contoso.example' },
  taxId: 'T-1',
  purchaseOrderNumber: 'PO-1',
  attributes: { etag: 'E1', objectType: 'BillingProfile' },
};

/** `applies`: a PUT stores its body; otherwise it is answered 200 with the stored profile, unchanged. */
interface StandIn {
  url: string;
  puts: unknown[];
  server: Server;
}

async function standIn(applies: boolean): Promise<StandIn> {
  let stored: Record<string, unknown> = structuredClone(STORED);
  let version = 1;
  const puts: unknown[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => {
      if (req.method === 'PUT') {
        const body = JSON.parse(text) as Record<string, unknown>;
        puts.push(body);
        if (applies) stored = { ...body, attributes: { etag: `E${++version}`, objectType: 'BillingProfile' } };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(stored));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, puts, server };
}

let api: StandIn;
afterEach(() => new Promise((resolve) => api.server.close(resolve)));

function ctx(): ResourceContext<ProviderClient> {
  const client = new PartnerCenterClient({ baseUrl: api.url, accessToken: 'stand-in-access-token' });
  return resourceContext(client);
}

async function apply(prior: ObjectValue | null) {
  const cfg = config({ tax_id: 'T-NEW' }, { address: { city: 'Seattle' } });
  const { planned, diagnostics } = planProfile(BILLING, prior, cfg);
  expect(diagnostics).toEqual([]);
  return profileResource(BILLING).apply({ prior, planned, config: cfg, plannedPrivate: new Uint8Array() }, ctx());
}

const priorState = async () =>
  profileToState(
    BILLING,
    await new PartnerCenterClient({ baseUrl: api.url, accessToken: 'x' }).getProfile<BillingProfile>(BILLING.shape),
  );

describe('a PUT answered 200 with the old values', () => {
  beforeEach(async () => {
    api = await standIn(false);
  });

  it.each([
    ['an update', true],
    ['the first apply (adopt)', false],
  ])('%s fails, naming each field sent and what the answer held', async (_name, withPrior) => {
    const prior = withPrior ? await priorState() : null;
    const res = await apply(prior);

    expect(api.puts).toHaveLength(1); // the update was sent once, never again
    expect(res.state).toBe(prior);
    expect(res.diagnostics).toHaveLength(1);
    const [d] = res.diagnostics;
    expect(d).toMatchObject({ severity: 'error', summary: 'Partner Center did not keep the values sent' });
    expect(d.detail).toContain(
      'The API accepted the update but its answer does not hold the values sent for tax_id, address.city',
    );
    expect(d.detail).toContain('  tax_id: "T-NEW" -> "T-1"');
    expect(d.detail).toContain('  address.city: "Seattle" -> "Redmond"');
    expect(d.detail).toContain('Run plan again to see the live profile');
    expect(d.detail).not.toMatch(/bug in the provider|inconsistent/i);
  });
});

describe('a PUT that is applied (the control)', () => {
  beforeEach(async () => {
    api = await standIn(true);
  });

  it('stores the answer without a diagnostic', async () => {
    const prior = await priorState();
    const res = await apply(prior);
    expect(res.diagnostics).toEqual([]);
    expect(res.state).toMatchObject({ tax_id: 'T-NEW', address: { city: 'Seattle' }, etag: 'E2' });
  });
});
