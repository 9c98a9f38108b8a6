// The emulator as a library, `terraform-provider-partnercenter/emulator`: start one from a test
// of your own stacks, point the provider at it (providerEnvFor), and drive or inspect it through
// its admin API (EmulatorAdmin). Bundled into dist/emulator/index.js with its declarations by
// scripts/build-package.ts.
export { EMULATOR_DEFAULTS, providerEnvFor, startEmulator, type EmulatorOptions, type RunningEmulator } from './server';
export {
  EmulatorAdmin,
  type EmulatorAdminOptions,
  type EmulatorProfileName,
  type FaultSpec,
  type LogMark,
  type ProfileJson,
} from './admin-client';
export type { ApiCallRecord, TokenCallRecord } from './request-log';
