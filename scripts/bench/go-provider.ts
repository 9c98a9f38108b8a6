// The Go provider to compare with: built once into the engines cache by scripts/go-provider.sh.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '..', 'go-provider.sh');

/** Path of terraform-provider-restapi v1.20.0; throws with the script's reason when it fails. */
export function ensureGoProvider(): string {
  const r = spawnSync('bash', [SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const binary = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !binary) {
    throw new Error(
      `scripts/go-provider.sh failed (exit ${r.status}):\n${r.stderr.trim()}\n(run with --skip-go to benchmark without the Go provider)`,
    );
  }
  if (/built /.test(r.stderr)) process.stderr.write(r.stderr); // a fresh build is worth showing
  return binary;
}
