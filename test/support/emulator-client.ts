// A real Partner Center client pointed at an emulator, with retry waits cut to milliseconds so
// that the tests run fast (the retry decisions stay the real ones).
import { PartnerCenterClient, type PartnerCenterClientOptions } from '../../provider/partnercenter';
import { EMULATOR_DEFAULTS, type RunningEmulator } from '../../emulator/server';

export function fastRetryClient(
  emulator: RunningEmulator,
  retry: PartnerCenterClientOptions['retry'] = {},
  extra: Partial<PartnerCenterClientOptions> = {},
): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl: emulator.url,
    authorityHost: emulator.url,
    ...EMULATOR_DEFAULTS,
    retry: { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 20, ...retry },
    ...extra,
  });
}

/** The client of the plain emulator suites: retry waits of 1 to 5 ms, `extra` over the rest. */
export function emulatorClient(
  emulator: RunningEmulator,
  extra: Partial<PartnerCenterClientOptions> = {},
): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl: emulator.url,
    authorityHost: emulator.url,
    ...EMULATOR_DEFAULTS,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
}
