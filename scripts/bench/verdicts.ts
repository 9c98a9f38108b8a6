// The numbers the benchmark judges: the apply API-call check, our provider's memory, and the
// targets (reported, never enforced).
import type { HandshakeResult } from '../bench-handshake';
import { launchesIn, type CommandRow } from './commands';
import type { CommandProfile } from './profile';
import type { ApplyCheck, Memory, Target } from './report';
import { quantile } from './stats';

export function maxOf(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length ? Math.max(...present) : undefined;
}

function memoryFrom(h: HandshakeResult | undefined, plan?: CommandRow, apply?: CommandRow): Memory {
  const launches = (row?: CommandRow) => (row ? row.probes.flatMap((p) => launchesIn(p, 'ours')) : []);
  const planLaunches = launches(plan);
  const refresh = planLaunches.filter((l) => l.rpcs.some((r) => r.name === 'ReadResource'));
  return {
    afterHandshakeKb: h?.rssKb.provider.length ? quantile(h.rssKb.provider, 0.5) : undefined,
    goAfterHandshakeKb: h?.rssKb.go?.length ? quantile(h.rssKb.go, 0.5) : undefined,
    planLaunchMaxRssKb: maxOf(refresh.map((l) => l.maxRssKb)),
    planLaunchRssAtShutdownKb: maxOf(refresh.map((l) => l.rssKb)),
    planMaxRssKb: maxOf(planLaunches.map((l) => l.maxRssKb)),
    applyMaxRssKb: maxOf(launches(apply).map((l) => l.maxRssKb)),
  };
}

function applyCheck(row: CommandRow, profile: CommandProfile): ApplyCheck {
  const GET = row.api.GET ?? 0;
  const PUT = row.api.PUT ?? 0;
  const applyStep = profile.launches.filter((l) => l.kind === 'apply').flatMap((l) => l.apiCalls);
  const exactlyOneEach =
    applyStep.filter((c) => c === 'GET').length === 1 &&
    applyStep.filter((c) => c === 'PUT').length === 1 &&
    applyStep.length === 2;
  return { GET, PUT, exactlyOneEach, byLaunch: profile.launches.map((l) => ({ kind: l.kind, calls: l.apiCalls })) };
}

function ratioTarget(name: string, ours?: CommandRow, go?: CommandRow, limit = 1.3): Target {
  const value = ours && go ? ours.wallMs.median / go.wallMs.median : undefined;
  return { name, value, unit: 'x', limit, met: value === undefined ? undefined : value <= limit };
}

export function verdicts(
  handshake: HandshakeResult | undefined,
  rows: CommandRow[],
  profiles: Record<string, CommandProfile>,
): { check?: ApplyCheck; memory: Memory; targets: Target[]; extra: Target[] } {
  const row = (id: string) => rows.find((r) => r.id === id);
  const applyRow = row('terraform.apply.ours');
  const check = applyRow && applyCheck(applyRow, profiles['terraform.apply.ours']);
  const memory = memoryFrom(handshake, row('terraform.plan.ours'), row('terraform.apply.ours'));
  const mb = (kb: number | undefined) => (kb === undefined ? undefined : kb / 1024);
  const rssMb = mb(memory.planLaunchRssAtShutdownKb);
  const peakMb = mb(memory.planMaxRssKb);
  const slowestShutdown = maxOf(
    Object.entries(profiles)
      .filter(([id]) => id.includes('.ours'))
      .flatMap(([, p]) => p.launches.map((l) => l.shutdown)),
  );
  const targets: Target[] = [
    {
      name: 'start-up: ours / node -e 0',
      value: handshake?.ratio,
      unit: 'x',
      limit: 1.5,
      met: handshake ? handshake.ratio <= 1.5 : undefined,
    },
    // VmRSS when the plan's API-calling launch ends (at Shutdown): the RSS "after a plan".
    {
      name: 'RSS after a plan (refresh+plan launch, at its end)',
      value: rssMb,
      unit: 'MB',
      limit: 50,
      met: rssMb === undefined ? undefined : rssMb <= 50,
    },
    ratioTarget('plan: ours / Go (terraform, static token)', row('terraform.plan.ours'), row('terraform.plan.go')),
    ratioTarget('apply: ours / Go (terraform, static token)', row('terraform.apply.ours'), row('terraform.apply.go')),
    // A fixed wait (e.g. go-plugin's 2 s kill timeout when Shutdown is not honoured) shows here.
    {
      name: 'no fixed waits: slowest Close -> exit',
      value: slowestShutdown,
      unit: 'ms',
      limit: 100,
      met: slowestShutdown === undefined ? undefined : slowestShutdown <= 100,
    },
  ];
  const extra: Target[] = [
    { name: '  RSS peak during a plan (maxRSS, any launch)', value: peakMb, unit: 'MB' as const, limit: 50 },
    ratioTarget('  plan: ours / Go (tofu, static token)', row('tofu.plan.ours'), row('tofu.plan.go')),
    ratioTarget('  plan: ours refresh token / Go', row('terraform.plan.ours-refresh'), row('terraform.plan.go')),
    ratioTarget('  apply: ours refresh token / Go', row('terraform.apply.ours-refresh'), row('terraform.apply.go')),
  ].map((t) => ({ ...t, met: undefined })); // information only: no target of their own
  return { check, memory, targets, extra };
}
