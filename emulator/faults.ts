// Injected failures for the next API calls (/v1/… only): an error status, a delay before the
// normal answer, or a dropped connection. Queued in order; each fault serves `count` calls.
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'delay'; delayMs: number }
  | { kind: 'reset' };

interface Queued {
  fault: Fault;
  remaining: number;
}

export class FaultSpecError extends Error {}

function nonNegativeInteger(v: unknown, name: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new FaultSpecError(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return v;
}

/** Reads a POST /_emulator/faults body: {status, count, retryAfter} | {delayMs, count} | {reset: true, count}. */
export function parseFaultSpec(body: unknown): { fault: Fault; count: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FaultSpecError('the body must be a JSON object such as {"status":503,"count":2}');
  }
  const spec = body as Record<string, unknown>;
  const count = nonNegativeInteger(spec.count, 'count', 1);
  if (count < 1) throw new FaultSpecError('count must be at least 1');
  if (spec.status !== undefined) {
    const status = nonNegativeInteger(spec.status, 'status');
    if (status < 400 || status > 599) throw new FaultSpecError(`status must be an HTTP error status (400-599), got ${status}`);
    const retryAfter = spec.retryAfter === undefined ? (status === 429 ? 1 : undefined) : nonNegativeInteger(spec.retryAfter, 'retryAfter');
    return { fault: { kind: 'status', status, ...(retryAfter !== undefined ? { retryAfter } : {}) }, count };
  }
  if (spec.delayMs !== undefined) return { fault: { kind: 'delay', delayMs: nonNegativeInteger(spec.delayMs, 'delayMs') }, count };
  if (spec.reset === true) return { fault: { kind: 'reset' }, count };
  throw new FaultSpecError('give one of: {"status":429|500|503,"count":N,"retryAfter":S}, {"delayMs":N,"count":N}, {"reset":true,"count":N}');
}

export class FaultQueue {
  private queue: Queued[] = [];

  add(fault: Fault, count: number): void {
    this.queue.push({ fault, remaining: count });
  }

  /** The fault for the next API call, if any; consumes it. */
  take(): Fault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    return head.fault;
  }

  pending(): { fault: Fault; remaining: number }[] {
    return this.queue.map((q) => ({ fault: q.fault, remaining: q.remaining }));
  }

  clear(): void {
    this.queue = [];
  }
}
