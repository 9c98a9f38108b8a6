// The PUTs of the billing profile in the emulator's request log: what actually wrote.
import type { ApiCallRecord } from '../../emulator/request-log';

export function profilePuts(log: ApiCallRecord[]): ApiCallRecord[] {
  return log.filter((r) => r.method === 'PUT' && r.path.startsWith('/v1/profiles/billing'));
}
