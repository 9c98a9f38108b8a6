// Injected failures for the next API calls (/v1/… only): an error status, a delay before the
// normal answer, a dropped connection, or a broken body. Queued in order; each fault serves
// `count` calls, optionally only calls of one method or to one path (e.g. /v1/profiles/support;
// without one, any /v1 path, billing's included). `afterProcessing` faults let the call take
// effect first and then spoil its answer: "applied, but the answer was lost or garbled".
export type BrokenBody = 'malformed-json' | 'html' | 'empty';
export const BROKEN_BODIES: readonly BrokenBody[] = ['malformed-json', 'html', 'empty'];
export type FaultMethod = 'GET' | 'PUT';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'delay'; delayMs: number }
  | { kind: 'reset'; afterProcessing: boolean }
  | { kind: 'body'; body: BrokenBody; status: number; afterProcessing: boolean };

/** Which calls a queued fault is for: any, or only those of one method and/or path. */
export interface FaultTarget {
  method?: FaultMethod;
  path?: string;
}

interface Queued extends FaultTarget {
  fault: Fault;
  remaining: number;
}

export interface FaultSpecParsed extends FaultTarget {
  fault: Fault;
  count: number;
}

export class FaultSpecError extends Error {}

const SHAPES =
  'give one of: {"status":429|500|503,"count":N,"retryAfter":S}, {"delayMs":N,"count":N}, {"reset":true,"count":N,"afterProcessing":B}, ' +
  '{"body":"malformed-json"|"html"|"empty","status":200,"count":N,"afterProcessing":B}; each may add "method":"GET"|"PUT" and "path":"/v1/…"';

function nonNegativeInteger(v: unknown, name: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new FaultSpecError(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return v;
}

function optionalBoolean(v: unknown, name: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new FaultSpecError(`${name} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function statusIn(v: unknown, min: number, max: number): number {
  const status = nonNegativeInteger(v, 'status');
  if (status < min || status > max)
    throw new FaultSpecError(`status must be an HTTP status in ${min}-${max} here, got ${status}`);
  return status;
}

/** Reads a POST /_emulator/faults body (the shapes are listed in SHAPES and the README). */
export function parseFaultSpec(body: unknown): FaultSpecParsed {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FaultSpecError('the body must be a JSON object such as {"status":503,"count":2}');
  }
  const spec = body as Record<string, unknown>;
  const count = nonNegativeInteger(spec.count, 'count', 1);
  if (count < 1) throw new FaultSpecError('count must be at least 1');
  let method: FaultMethod | undefined;
  if (spec.method !== undefined) {
    if (spec.method !== 'GET' && spec.method !== 'PUT')
      throw new FaultSpecError(`method must be "GET" or "PUT", got ${JSON.stringify(spec.method)}`);
    method = spec.method;
  }
  let path: string | undefined;
  if (spec.path !== undefined) {
    if (typeof spec.path !== 'string' || !spec.path.startsWith('/v1/'))
      throw new FaultSpecError(
        `path must be an API path such as "/v1/profiles/support", got ${JSON.stringify(spec.path)}`,
      );
    path = spec.path;
  }
  const afterProcessing = optionalBoolean(spec.afterProcessing, 'afterProcessing');
  const parsed = (fault: Fault): FaultSpecParsed => ({
    fault,
    count,
    ...(method ? { method } : {}),
    ...(path ? { path } : {}),
  });

  if (spec.body !== undefined) {
    if (!BROKEN_BODIES.includes(spec.body as BrokenBody)) {
      throw new FaultSpecError(
        `body must be one of ${BROKEN_BODIES.map((b) => `"${b}"`).join(', ')}, got ${JSON.stringify(spec.body)}`,
      );
    }
    const status = spec.status === undefined ? 200 : statusIn(spec.status, 200, 599);
    return parsed({ kind: 'body', body: spec.body as BrokenBody, status, afterProcessing });
  }
  if (spec.status !== undefined) {
    const status = statusIn(spec.status, 400, 599);
    const retryAfter =
      spec.retryAfter === undefined
        ? status === 429
          ? 1
          : undefined
        : nonNegativeInteger(spec.retryAfter, 'retryAfter');
    return parsed({ kind: 'status', status, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }
  if (spec.delayMs !== undefined)
    return parsed({ kind: 'delay', delayMs: nonNegativeInteger(spec.delayMs, 'delayMs') });
  if (spec.reset === true) return parsed({ kind: 'reset', afterProcessing });
  throw new FaultSpecError(SHAPES);
}

export class FaultQueue {
  private queue: Queued[] = [];

  add(fault: Fault, count: number, target: FaultTarget = {}): void {
    this.queue.push({ fault, remaining: count, ...target });
  }

  /** The fault for the next API call with this method to this path, if any; consumes it. */
  take(method: string, path: string): Fault | undefined {
    const i = this.queue.findIndex(
      (q) => (q.method === undefined || q.method === method) && (q.path === undefined || q.path === path),
    );
    if (i < 0) return undefined;
    const entry = this.queue[i];
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(i, 1);
    return entry.fault;
  }

  pending(): ({ fault: Fault; remaining: number } & FaultTarget)[] {
    return this.queue.map((q) => ({
      fault: q.fault,
      remaining: q.remaining,
      ...(q.method ? { method: q.method } : {}),
      ...(q.path ? { path: q.path } : {}),
    }));
  }

  clear(): void {
    this.queue = [];
  }
}
