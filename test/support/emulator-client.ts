// A real Partner Center client pointed at an emulator, with retry waits cut to milliseconds so
// that fault tests run fast (the retry decisions stay the real ones).
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
