// The service documents camelCase, but its docs also show PascalCase bodies (the .NET SDK's
// casing). Over real HTTP, a server answering in PascalCase must read the same as camelCase.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterClient } from '../../../provider/partnercenter';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

const PASCAL_BODY = {
  CompanyName: 'Fabrikam Partner GmbH',
  Address: { Country: 'DE', City: 'Berlin', AddressLine1: 'Unter den Linden 1', PostalCode: '10117' },
  PrimaryContact: { FirstName: 'Alex', LastName: 'Muster', Email: 'billing@fabrikam.example' },
  PurchaseOrderNumber: 'PO-DE-1',
  TaxId: 'DE123456789',
  BillingCurrency: 'EUR',
  BillingDay: 15,
  ProfileType: 'billing_profile',
  Links: { Self: { Uri: '/profiles/billing', Method: 'GET', Headers: [] } },
  Attributes: { Etag: 'etag-pascal-1', ObjectType: 'BillingProfile' },
};

let server: http.Server;
let url: string;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(PASCAL_BODY));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a PascalCase response is read into the same model', async () => {
  const client = new PartnerCenterClient({ baseUrl: url, accessToken: 'given-delegated-token' });
  const profile = await client.getProfile<BillingProfile>(BILLING.shape);
  expect(profile).toEqual({
    companyName: 'Fabrikam Partner GmbH',
    address: { country: 'DE', city: 'Berlin', addressLine1: 'Unter den Linden 1', postalCode: '10117' },
    primaryContact: { firstName: 'Alex', lastName: 'Muster', email: 'billing@fabrikam.example' },
    purchaseOrderNumber: 'PO-DE-1',
    taxId: 'DE123456789',
    billingCurrency: 'EUR',
    billingDay: 15,
    profileType: 'billing_profile',
    etag: 'etag-pascal-1',
  });
  expect(seen[0].authorization).toBe('Bearer given-delegated-token');
});
