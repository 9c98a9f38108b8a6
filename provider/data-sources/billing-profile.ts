// The partnercenter_billing_profile data source: the live profile, every attribute computed.
import type { DataSourceDefinition } from '../plugin/kit';
import type { ProviderClient } from '../provider-client';
import { RESOURCE_TYPE, billingProfileDataSourceSchema } from '../resources/billing-profile-schema';
import { profileToState } from '../resources/billing-profile-state';
import { errorDiagnostic } from '../resources/billing-profile-errors';
import { apiOf } from '../resources/billing-profile';

export const billingProfileDataSource: DataSourceDefinition<ProviderClient> = {
  typeName: RESOURCE_TYPE,
  schema: billingProfileDataSourceSchema,

  async read(_config, ctx) {
    try {
      const live = await apiOf(ctx).getBillingProfile({ signal: ctx.signal });
      return { state: profileToState(live), diagnostics: [] };
    } catch (e) {
      return { state: null, diagnostics: [errorDiagnostic(e, 'reading the billing profile')] };
    }
  },
};
