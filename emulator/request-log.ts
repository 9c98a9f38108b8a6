// What the emulator received: API calls (for GET /_emulator/requests) and token exchanges (for
// GET /_emulator/token-requests), oldest first. Credentials are never recorded.

export interface ApiCallRecord {
  method: string;
  path: string;
  /** null when the connection was dropped by a reset fault. */
  status: number | null;
  requestId: string;
  correlationId: string;
  ifMatch: string | null;
  bodyEtag: string | null;
  /**
   * The JSON body of a PUT as it arrived, so tests can see what a client sends back; left out when
   * it is not JSON or longer than LOGGED_BODY_MAX characters (the log keeps 10 000 records).
   */
  body?: unknown;
  at: string;
  /** Request headers; Authorization shows only its scheme. */
  headers: Record<string, string>;
  /** The tenant the call acted on (its token's), once the bearer check passed. */
  tenant?: string;
  /**
   * Set when an injected fault applied: it answered instead of the API (status, reset, body), or
   * delayed the call, or spoiled the answer of a call that took effect (reset-after, body-after).
   */
  fault?: 'status' | 'delay' | 'reset' | 'reset-after' | 'body' | 'body-after';
  /** True when this call changed the stored profile (a PUT that took effect; never a replay). */
  applied?: boolean;
  /** True when the answer was the replay of an earlier PUT with the same MS-RequestId. */
  replayed?: boolean;
}

export interface TokenCallRecord {
  path: string;
  tenant: string;
  grantType: string | null;
  clientId: string | null;
  status: number;
  error?: string;
  at: string;
}

const MAX_RECORDS = 10_000;
export const LOGGED_BODY_MAX = 64 * 1024;

export class RecordLog<T> {
  private records: T[] = [];

  add(record: T): void {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.shift();
  }

  all(): T[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
