// What the resource handlers get from the plugin layer, for tests that drive them directly
// against the emulator (no engine): a silent logger, empty private data, and the context.
import type { Logger, ResourceContext } from '../../provider/plugin/kit';
import { ProviderClient, type ProfileApi } from '../../provider/provider-client';

export const SILENT_LOGGER: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Private data the engine sends when there is none. */
export const NO_PRIVATE = new Uint8Array();

/** The context of one call, with the provider configured to use `api`. */
export function resourceContext(api: ProfileApi): ResourceContext<ProviderClient> {
  return { signal: new AbortController().signal, log: SILENT_LOGGER, client: ProviderClient.ready(api) };
}
