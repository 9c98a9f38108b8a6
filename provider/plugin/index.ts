// Public surface of the plugin layer for provider code (main.ts, resources).
export { serve, type ServeOptions } from './serve';
export { planFromProposed, type PlanOptions } from './plan-helpers';
export { createLogger } from './log';
export { providerSchemaJson, goJsonStringify } from './schema-json';
export { validateProviderSchemas } from './schema-validate';
export { errorDiagnostic, hasErrors } from './diagnostics';
export type * from './kit';
