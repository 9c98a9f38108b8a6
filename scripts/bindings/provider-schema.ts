// The provider schema document the generator consumes, computed from the provider code itself
// (the same document `terraform providers schema -json` would print), so no engine is needed.
import type { ProviderSchema } from '@cdktf/commons';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { providerSchemaJson } from '../../provider/plugin/schema-json';
import { createProvider } from '../../provider/provider';

/** Our provider's schema document. Built with an empty environment: the schema never depends on it. */
export function loadProviderSchema(): ProviderSchema {
  return providerSchemaJson(createProvider({}), SOURCE_ADDRESS);
}

/**
 * Adds CDKTF's `provider_versions` entry (normally filled by `cdktf get` from
 * `terraform version -json`): it becomes the version the bindings record and put into
 * `required_providers`.
 */
export function withProviderVersion(schema: ProviderSchema, version: string = PROVIDER_VERSION): ProviderSchema {
  if (!schema.provider_schemas?.[SOURCE_ADDRESS]) {
    const found = Object.keys(schema.provider_schemas ?? {}).join(', ') || 'none';
    throw new Error(`the schema has no provider ${SOURCE_ADDRESS} (found: ${found})`);
  }
  return { ...schema, provider_versions: { [SOURCE_ADDRESS]: version } };
}
