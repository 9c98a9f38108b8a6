// emulator/cli.ts (the package command's `emulator`, cli/commands/emulator.ts): prints its URL on
// its first line, serves, exits cleanly on SIGTERM; bad flags exit 2 naming the flag.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { TSX_BIN } from '../../support/bundles';

const root = join(__dirname, '..', '..', '..');

function run(args: string[]): ChildProcess {
  return spawn(TSX_BIN, ['emulator/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before printing its URL`)));
  });
}

it('prints its base URL, serves the API and stops on SIGTERM', async () => {
  const child = run(['--port', '0', '--tenant-id', 'contoso.example']);
  try {
    const line = await firstLine(child);
    const match = /^Partner Center emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    expect(match).not.toBeNull();
    const admin = new EmulatorAdmin(match![1]);
    expect((await admin.profile()).companyName).toBe('Contoso Partner Ltd');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

it('exits 2 naming the flag for a bad flag value', async () => {
  const child = run(['--port', 'eighty']);
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const [code] = await once(child, 'exit');
  expect(code).toBe(2);
  expect(err).toMatch(/emulator: --port must be a whole number from 0 to 65535, got "eighty"/);
});
