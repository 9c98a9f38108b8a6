// A profile's data source: the live profile, every attribute computed.
import type { DataSourceDefinition } from '../plugin/kit';
import type { ProviderClient } from '../provider-client';
import type { ProfileSpec } from './spec';
import { dataSourceSchema } from './schema';
import { liveProfileState } from './resource';
import { credentialsTenantOrNull } from './tenant';

export function profileDataSource(spec: ProfileSpec): DataSourceDefinition<ProviderClient> {
  return {
    typeName: spec.typeName,
    schema: dataSourceSchema(spec),

    async read(_config, ctx) {
      const res = await liveProfileState(spec, ctx, `reading the ${spec.title}`);
      // The partner the profile belongs to, as the resources keep it (the token is cached by now).
      return res.state ? { ...res, state: { ...res.state, tenant_id: await credentialsTenantOrNull(ctx) } } : res;
    },
  };
}
