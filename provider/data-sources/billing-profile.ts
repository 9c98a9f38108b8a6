// The partnercenter_billing_profile data source: the live profile, every attribute computed.
import type { DataSourceDefinition } from '../plugin/kit';
import type { ProviderClient } from '../provider-client';
import { RESOURCE_TYPE, billingProfileDataSourceSchema } from '../resources/billing-profile-schema';
import { liveProfileState } from '../resources/billing-profile';
import { credentialsTenantOrNull } from '../resources/billing-profile-tenant';

export const billingProfileDataSource: DataSourceDefinition<ProviderClient> = {
  typeName: RESOURCE_TYPE,
  schema: billingProfileDataSourceSchema,

  async read(_config, ctx) {
    const res = await liveProfileState(ctx, 'reading the billing profile');
    // The partner the profile belongs to, as the resource keeps it (the token is cached by now).
    return res.state ? { ...res, state: { ...res.state, tenant_id: await credentialsTenantOrNull(ctx) } } : res;
  },
};
