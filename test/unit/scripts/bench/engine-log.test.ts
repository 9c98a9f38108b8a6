// The benchmark's reading of engine trace logs: which launch made which API call. Both go-plugin
// log formats occur: Terraform 1.8 / OpenTofu 1.6 (path= pid=) and Terraform 1.11 / OpenTofu 1.12
// (plugin= id=) for the exit line.
import { launchAt, launchKind, parseLaunches } from '../../../../scripts/bench/engine-log';

const EXE =
  '.terraform/providers/terraform.local/partnercenter/partnercenter/0.1.0/linux_amd64/terraform-provider-partnercenter_v0.1.0';

/** A trace log of three launches (schema, validate, refresh+plan), with the exit line in `style`. */
function planLog(style: 'old' | 'new'): string {
  const t = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();
  const exited = (pid: number) => (style === 'old' ? `path=${EXE} pid=${pid}` : `plugin=${EXE} id=${pid}`);
  const launch = (start: number, pid: number, rpc: string) => [
    `${t(start)} [INFO]  provider: starting plugin: path=${EXE} args=[${EXE}]`,
    `${t(start + 1)} [DEBUG] provider: plugin started: path=${EXE} pid=${pid}`,
    `${t(start + 40)} [DEBUG] provider: using plugin: version=6`,
    `${t(start + 50)} [TRACE] GRPCProvider.v6: ${rpc}`,
    `${t(start + 51)} [DEBUG] provider.terraform-provider-partnercenter_v0.1.0: RPC finished: tf_rpc=${rpc} duration_ms=3`,
    `${t(start + 60)} [TRACE] GRPCProvider.v6: Close`,
    `${t(start + 70)} [DEBUG] provider: plugin process exited: ${exited(pid)}`,
  ];
  return [
    ...launch(0, 101, 'GetProviderSchema'),
    ...launch(100, 102, 'ValidateResourceConfig'),
    ...launch(200, 103, 'ReadResource'),
  ].join('\n');
}

describe.each(['old', 'new'] as const)('engine trace log, %s go-plugin format', (style) => {
  const launches = parseLaunches(planLog(style));
  const at = (ms: number) => Date.UTC(2026, 0, 1, 0, 0, 0, ms);

  it('sees every launch exit, so each launch has its own kind', () => {
    expect(launches.map((l) => l.exit !== undefined)).toEqual([true, true, true]);
    expect(launches.map(launchKind)).toEqual(['schema', 'validate', 'refresh+plan']);
  });

  it('attributes an API call to the launch running at its time, not to the first launch', () => {
    expect(launchAt(launches, at(255))).toBe(2);
    expect(launchAt(launches, at(20))).toBe(0);
    expect(launchAt(launches, at(90))).toBeUndefined(); // between launches: the engine's own time
  });
});

it('bounds a launch whose exit line is missing by the start of the next one', () => {
  const log = planLog('new')
    .split('\n')
    .filter((l) => !l.includes('plugin process exited'))
    .join('\n');
  const launches = parseLaunches(log);
  expect(launchAt(launches, Date.UTC(2026, 0, 1, 0, 0, 0, 255))).toBe(2);
});
