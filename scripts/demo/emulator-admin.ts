// The emulator's admin API (DESIGN §6), used by the demo to play "someone edits the profile in
// the Partner Center dashboard" and to show what reached the API.
import got from 'got';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  requestId?: string;
  ifMatch?: string;
}

export class EmulatorAdmin {
  constructor(private readonly url: string) {}

  profile(): Promise<Record<string, any>> {
    return got.get(`${this.url}/_emulator/profile`).json();
  }

  /** An out-of-band edit, as if made in the dashboard: merges and bumps the etag. */
  editOutOfBand(patch: Record<string, unknown>): Promise<Record<string, any>> {
    return got.patch(`${this.url}/_emulator/profile`, { json: patch }).json();
  }

  requests(): Promise<LoggedRequest[]> {
    return got.get(`${this.url}/_emulator/requests`).json();
  }
}

export function puts(log: LoggedRequest[]): LoggedRequest[] {
  return log.filter((r) => r.method === 'PUT' && r.path.startsWith('/v1/profiles/billing'));
}
