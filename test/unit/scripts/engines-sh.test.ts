// scripts/engines.sh with a stand-in `go` on PATH (its `go install -v` prints package lines among
// "go: downloading" ones and writes a stub engine): `engines.sh tofu` builds OpenTofu alone, says
// first what the build costs (packages, minutes, GB of Go caches) and that it uses the Go module
// proxy, and counts compiled packages without the download lines. An unknown name is refused.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import engineVersions from '../../../scripts/engine-versions.json';
import { ROOT } from '../../support/bundles';
import { processEnvWith, spawnCapture } from '../../support/spawn-capture';

const FAKE_GO = `#!/bin/sh
case "$1" in
  env)
    case "$2" in
      GOVERSION) echo go1.26.0 ;;
      GOMODCACHE) echo /fake/go/pkg/mod ;;
      GOCACHE) echo /fake/go-build ;;
      GOPROXY) echo https://proxy.example,direct ;;
    esac ;;
  install)
    target="$3"; name="\${target%@*}"; name="\${name##*/}"; version="\${target##*@v}"
    echo "go: downloading example.com/dep v1.0.0" >&2
    i=0; while [ $i -lt 250 ]; do echo "example.com/pkg/$i" >&2; i=$((i + 1)); done
    echo "go: downloading example.com/other v1.0.0" >&2
    printf '#!/bin/sh\\necho "{\\\\"terraform_version\\\\": \\\\"%s-dev\\\\"}"\\n' "$version" > "$GOBIN/$name"
    chmod +x "$GOBIN/$name" ;;
  *) echo "fake go: unexpected $*" >&2; exit 2 ;;
esac
`;

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'engines-sh-'));
  mkdirSync(path.join(tmp, 'gobin'));
  writeFileSync(path.join(tmp, 'gobin', 'go'), FAKE_GO);
  chmodSync(path.join(tmp, 'gobin', 'go'), 0o755);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function enginesSh(args: string[]) {
  return spawnCapture('bash', [path.join(ROOT, 'scripts', 'engines.sh'), ...args], {
    cwd: ROOT,
    env: processEnvWith({
      PATH: `${path.join(tmp, 'gobin')}${path.delimiter}${process.env.PATH ?? ''}`,
      PARTNERCENTER_ENGINES_DIR: path.join(tmp, 'engines'),
    }),
    killAfterMs: 60_000,
  });
}

test('engines.sh tofu builds OpenTofu alone, after saying what it costs and that it uses the Go module proxy', async () => {
  const tofu = engineVersions.engines.find((e) => e.binary === 'tofu')!;
  const run = await enginesSh(['tofu']);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(
    `building tofu v${tofu.version} (go-install) with go1.26.0: about ${tofu.estimate.packages} packages, ` +
      `about ${tofu.estimate.minutes} minutes on two cores, up to about ${tofu.estimate.cacheGB} GB more in Go's module cache ` +
      '(/fake/go/pkg/mod) and build cache (/fake/go-build); modules come from the Go module proxy (https://proxy.example,direct)',
  );
  // 250 packages among 2 download lines: counted as 250.
  expect(run.stderr).toContain(`tofu: 200 of about ${tofu.estimate.packages} packages compiled`);
  expect(run.stderr).not.toContain('tofu: 300 of');
  expect(run.stderr).toMatch(new RegExp(`built tofu v${tofu.version} in \\d+ s \\(250 packages compiled\\)`));
  expect(run.stderr).not.toMatch(/terraform/);
  expect(run.stderr).not.toMatch(/tofu-1\.12/);
}, 60_000);

test('an unknown engine name is refused, naming the pinned builds', async () => {
  const run = await enginesSh(['opentofu']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    `unknown engine 'opentofu': the pinned builds are ${engineVersions.engines.map((e) => e.binary).join(' ')}`,
  );
});
