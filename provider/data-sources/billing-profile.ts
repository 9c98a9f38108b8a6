// The partnercenter_billing_profile data source: the live profile, every attribute computed.
import type { DataSourceDefinition } from '../plugin/kit';
import type { ProviderClient } from '../provider-client';
import { RESOURCE_TYPE, billingProfileDataSourceSchema } from '../resources/billing-profile-schema';
import { liveProfileState } from '../resources/billing-profile';

export const billingProfileDataSource: DataSourceDefinition<ProviderClient> = {
  typeName: RESOURCE_TYPE,
  schema: billingProfileDataSourceSchema,

  read(_config, ctx) {
    return liveProfileState(ctx, 'reading the billing profile');
  },
};
