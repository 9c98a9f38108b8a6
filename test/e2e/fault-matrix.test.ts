// Nothing is lost under faults and races: the oldest Terraform and the newest OpenTofu pinned
// (describeEngineEnds: the subject is the provider's own I/O) each apply a one-field change while the
// emulator injects a fault (throttling, 5xx, dropped connections, slow answers, broken bodies,
// answers lost after the write took effect), and then:
// - the apply either succeeds with exactly one effective PUT or fails with a clear diagnostic;
// - the live profile is the old one or the fully new one, never a mix;
// - the next plan tells the truth (empty when the change is live, the change again when not).
// Then the races: an out-of-band edit landing between the apply's GET and its PUT, and the engine
// killed (SIGKILL) while its PUT is in flight.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EmulatorAdmin, type FaultSpec, type LogMark } from '../../emulator/admin-client';
import type { ApiCallRecord } from '../../emulator/request-log';
import { describeEngineEnds } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import { flatOutput, TfWorkdir } from '../support/tf-workdir';
import { BILLING } from '../../provider/profiles/specs';
import { OUTCOME_UNKNOWN, conflictSummary } from '../../provider/profiles/errors';

const FIXTURES = path.join(__dirname, 'fixtures', 'billing');
const STEP_TIMEOUT = 180_000;
const APPLY = ['apply', '-auto-approve', '-input=false'];

// The managed fields; purchase_order_number is the one each row changes.
const CONFIG = `
variable "po" {
  type = string
}

resource "partnercenter_billing_profile" "this" {
  purchase_order_number = var.po
  tax_id                = "98-7654321"
}
`;

/** Short timeouts so that "slower than the request timeout" costs seconds, not minutes. */
const FAST_TIMEOUT = { PARTNERCENTER_REQUEST_TIMEOUT_SECONDS: '1' };

interface Row {
  name: string;
  faults: FaultSpec[];
  env?: Record<string, string>;
  /** More to check on the API calls of the apply. */
  check?: (calls: ApiCallRecord[]) => void;
  /** applied: exit 0 and the change is live. failed: exit 1, `diagnostic` shown, profile as `live` says. */
  outcome: { applied: true } | { applied: false; diagnostic: RegExp[]; live: 'old' | 'new' };
}

const RETRIES_SPENT = /gave up after 5 attempts/;

/** How many calls of `method` carry the request id of the one an injected fault hit. */
function sameIdAsFaulted(calls: ApiCallRecord[], method: string): number {
  const faulted = calls.find((c) => c.method === method && c.fault !== undefined);
  if (!faulted) throw new Error(`no ${method} was faulted`);
  return calls.filter((c) => c.method === method && c.requestId === faulted.requestId).length;
}

const ROWS: Row[] = [
  {
    name: '429 storm: 10 in a row with Retry-After',
    faults: [{ status: 429, count: 10, retryAfter: 1 }],
    outcome: { applied: false, live: 'old', diagnostic: [/returned 429/, /Rate limit is exceeded/, RETRIES_SPENT] },
  },
  {
    name: '429 on the PUT, 3 times with Retry-After',
    faults: [{ status: 429, count: 3, retryAfter: 1, method: 'PUT' }],
    outcome: { applied: true },
  },
  { name: '500 burst on every call', faults: [{ status: 500, count: 3 }], outcome: { applied: true } },
  { name: '503 burst on the PUT', faults: [{ status: 503, count: 3, method: 'PUT' }], outcome: { applied: true } },
  {
    name: '503 on every PUT attempt',
    faults: [{ status: 503, count: 10, method: 'PUT' }],
    outcome: { applied: false, live: 'old', diagnostic: [/returned 503/, RETRIES_SPENT] },
  },
  {
    name: 'connection resets on the reads',
    faults: [{ reset: true, count: 2, method: 'GET' }],
    outcome: { applied: true },
  },
  {
    name: 'connection resets on the PUT before it arrives',
    faults: [{ reset: true, count: 2, method: 'PUT' }],
    outcome: { applied: true },
  },
  {
    name: 'PUT answer lost after it took effect (duplicate PUT)',
    faults: [{ reset: true, method: 'PUT', afterProcessing: true }],
    outcome: { applied: true },
  },
  {
    name: 'read slower than the request timeout',
    faults: [{ delayMs: 2500, method: 'GET' }],
    env: FAST_TIMEOUT,
    outcome: { applied: true },
    check: (calls) => expect(sameIdAsFaulted(calls, 'GET')).toBeGreaterThanOrEqual(2), // timed out, then retried
  },
  {
    name: 'PUT slower than the request timeout',
    faults: [{ delayMs: 2500, method: 'PUT' }],
    env: FAST_TIMEOUT,
    outcome: { applied: true },
    check: (calls) => {
      expect(sameIdAsFaulted(calls, 'PUT')).toBeGreaterThanOrEqual(2); // timed out, then retried with the same id
      expect(calls.filter((c) => c.method === 'PUT' && c.replayed).length).toBeGreaterThanOrEqual(1);
    },
  },
  {
    name: 'max_retries = 0: one 503 on the PUT is final',
    faults: [{ status: 503, method: 'PUT' }],
    env: { PARTNERCENTER_MAX_RETRIES: '0' },
    outcome: { applied: false, live: 'old', diagnostic: [/returned 503/, /gave up after 1 attempts/] },
    check: (calls) => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1),
  },
  {
    name: 'malformed JSON in a 200 read',
    faults: [{ body: 'malformed-json', count: 2, method: 'GET' }],
    outcome: { applied: true },
  },
  {
    name: 'malformed JSON in the 200 answer of a PUT that took effect',
    faults: [{ body: 'malformed-json', method: 'PUT', afterProcessing: true }],
    outcome: { applied: false, live: 'new', diagnostic: [/answered 200 with malformed JSON/, /may have been applied/] },
  },
  {
    name: 'HTML error page (502) from a proxy on the PUT',
    faults: [{ body: 'html', status: 502, count: 2, method: 'PUT' }],
    outcome: { applied: true },
  },
  {
    name: 'HTML page (200) from a proxy on every read',
    faults: [{ body: 'html', count: 10, method: 'GET' }],
    outcome: { applied: false, live: 'old', diagnostic: [/an HTML page \("502 Bad Gateway"\)/, RETRIES_SPENT] },
  },
  { name: 'empty 200 body on a read', faults: [{ body: 'empty', method: 'GET' }], outcome: { applied: true } },
  {
    name: 'empty 200 answer to a PUT that took effect',
    faults: [{ body: 'empty', method: 'PUT', afterProcessing: true }],
    outcome: { applied: false, live: 'new', diagnostic: [/answered 200 with an empty body/, /may have been applied/] },
  },
];

const text = flatOutput;

/** The profile without its etag: what "old or new, never a mix" compares. */
function fields(profile: Record<string, any>): Record<string, unknown> {
  const { attributes, ...rest } = profile;
  const { etag: _etag, ...otherAttributes } = attributes ?? {};
  return { ...rest, attributes: otherAttributes };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pids whose parent is `pid` (the providers an engine launched). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the ")" closing the command name: state, ppid, ...
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); // a zombie is gone already
  } catch {
    return false;
  }
}

describeEngineEnds('nothing lost under faults and races', (engine) => {
  let setup: EmulatorWorkdir | undefined;
  let admin: EmulatorAdmin;
  let wd: TfWorkdir;
  let step = 0;

  const mark = () => admin.mark();
  const callsSince = async (m: LogMark): Promise<ApiCallRecord[]> => (await admin.since(m)).api;

  /** Until every call since `m` has been answered (a delayed call is still processed after the client gave up). */
  async function settled(m: LogMark): Promise<ApiCallRecord[]> {
    for (let i = 0; i < 200; i++) {
      const calls = await callsSince(m);
      if (calls.every((c) => c.status !== null || c.fault === 'reset' || c.fault === 'reset-after')) return calls;
      await sleep(25);
    }
    throw new Error('a delayed API call was never answered');
  }

  /** Resolves once no fault is pending (the call it was meant for has arrived). */
  async function faultTaken(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if ((await admin.pendingFaults()).pending.length === 0) return;
      await sleep(25);
    }
    throw new Error('the injected fault was never consumed');
  }

  const newPo = () => `PO-${engine.name}-${++step}`;
  const statePo = () => wd.readState().resources[0].instances[0].attributes.purchase_order_number;

  /** The next plan tells the truth: empty when the live profile has `po`, the change otherwise. */
  async function expectTruthfulPlan(po: string): Promise<void> {
    const live = (await admin.profile()).purchaseOrderNumber;
    const plan = await wd.run(['plan', '-detailed-exitcode', '-input=false', '-var', `po=${po}`], {
      allowExitCodes: [0, 2],
    });
    if (live === po) {
      expect(plan.code).toBe(0);
    } else {
      expect(plan.code).toBe(2);
      expect(text(plan)).toContain(`purchase_order_number = "${live}" -> "${po}"`);
    }
  }

  beforeAll(async () => {
    setup = await createEmulatorWorkdir(engine, {
      'providers.tf': readFileSync(path.join(FIXTURES, 'providers.tf'), 'utf8'),
      'main.tf': CONFIG,
    });
    ({ admin, wd } = setup);
    await wd.run([...APPLY, '-var', `po=${newPo()}`]);
  }, STEP_TIMEOUT);

  afterAll(() => setup?.dispose());

  afterEach(() => admin.clearFaults());

  test.each(ROWS)(
    '$name',
    async (row) => {
      const before = await admin.profile();
      const po = newPo();
      const expectedNew = fields({ ...before, purchaseOrderNumber: po });
      for (const f of row.faults) await admin.injectFault(f);
      const m = await mark();

      const apply = await wd.run([...APPLY, '-var', `po=${po}`], { env: row.env, allowExitCodes: [0, 1] });
      await admin.clearFaults(); // what a failed apply did not consume
      const calls = await settled(m);
      const live = await admin.profile();
      const applied = calls.filter((c) => c.applied);

      // Old or fully new, never a mix; one effective PUT at most.
      const isNew = JSON.stringify(fields(live)) === JSON.stringify(expectedNew);
      expect(isNew || JSON.stringify(fields(live)) === JSON.stringify(fields(before))).toBe(true);
      expect(applied).toHaveLength(isNew ? 1 : 0);
      expect(calls.some((c) => c.fault !== undefined)).toBe(true); // the fault really hit this apply
      row.check?.(calls);

      if (row.outcome.applied) {
        expect(apply.code).toBe(0);
        expect(isNew).toBe(true);
        expect(statePo()).toBe(po);
      } else {
        expect(apply.code).toBe(1);
        for (const re of row.outcome.diagnostic) expect(text(apply)).toMatch(re);
        expect(isNew).toBe(row.outcome.live === 'new');
        if (row.outcome.live === 'new') expect(text(apply)).toContain(OUTCOME_UNKNOWN.replace(/\s+/g, ' '));
        expect(statePo()).toBe(before.purchaseOrderNumber); // the state never claims what it did not see
      }
      await expectTruthfulPlan(po);
    },
    STEP_TIMEOUT,
  );

  test(
    'race: an out-of-band edit between the apply GET and its PUT is refused by the etag and survives',
    async () => {
      const before = await admin.profile();
      const po = newPo();
      // The PUT waits 3 s in the emulator before it is processed; the edit lands during the wait.
      await admin.injectFault({ delayMs: 3000, method: 'PUT' });
      const m = await mark();
      const applying = wd.run([...APPLY, '-var', `po=${po}`], { allowExitCodes: [0, 1] });
      await faultTaken();
      await admin.patchProfile({ taxId: 'OOB-RACE', companyName: 'Edited In The Dashboard' });
      const apply = await applying;

      expect(apply.code).toBe(1);
      expect(text(apply)).toContain(conflictSummary(BILLING));
      expect(text(apply)).toContain('tax_id: "98-7654321" -> "OOB-RACE"');
      const live = await admin.profile();
      expect(live.taxId).toBe('OOB-RACE'); // the out-of-band value survives
      expect(live.companyName).toBe('Edited In The Dashboard');
      expect(live.purchaseOrderNumber).toBe(before.purchaseOrderNumber); // ours was not written
      const puts = (await callsSince(m)).filter((c) => c.method === 'PUT');
      expect(puts.map((p) => [p.status, p.applied ?? false])).toEqual([[412, false]]); // refused once, never retried
      expect(statePo()).toBe(before.purchaseOrderNumber);

      // The next plan shows the edit: it proposes to put back the managed tax_id, and the new PO.
      const plan = await wd.run(['plan', '-detailed-exitcode', '-input=false', '-var', `po=${po}`], {
        allowExitCodes: [2],
      });
      expect(text(plan)).toContain('tax_id = "OOB-RACE" -> "98-7654321"');
      expect(text(plan)).toContain(`purchase_order_number = "${before.purchaseOrderNumber}" -> "${po}"`);
      await wd.run([...APPLY, '-var', `po=${po}`]); // converge for the next test
      expect((await admin.profile()).taxId).toBe('98-7654321');
    },
    STEP_TIMEOUT,
  );

  test(
    'the engine killed (SIGKILL) mid-apply leaves no provider process, and the next plan shows the true state',
    async () => {
      const po = newPo();
      await admin.injectFault({ delayMs: 3000, method: 'PUT' });
      const m = await mark();
      let engineProcess: ChildProcess | undefined;
      const applying = wd.run([...APPLY, '-var', `po=${po}`], {
        allowExitCodes: [128, 137],
        onSpawn: (child) => (engineProcess = child),
      });
      await faultTaken(); // the PUT is in flight
      const providers = childrenOf(engineProcess!.pid!);
      expect(providers.length).toBeGreaterThanOrEqual(1);
      process.kill(engineProcess!.pid!, 'SIGKILL'); // the engine only: its providers must notice by themselves
      await applying;

      // The orphaned providers exit on their own within a few seconds.
      for (let i = 0; i < 100 && providers.some(alive); i++) await sleep(100);
      expect(providers.filter(alive)).toEqual([]);

      // The PUT still lands (the emulator processes it after the delay); the state did not record it.
      await settled(m);
      expect((await admin.profile()).purchaseOrderNumber).toBe(po);
      await expectTruthfulPlan(po);
      // Refresh records the true state.
      await wd.run(['apply', '-refresh-only', '-auto-approve', '-input=false', '-var', `po=${po}`]);
      expect(statePo()).toBe(po);
    },
    STEP_TIMEOUT,
  );
});
