// Finding and running the Azure CLI (`az`) for the token source in azure-cli.ts: no shell, a
// time limit, output captured up to a bound, and the whole process group stopped on a timeout or
// a cancellation (az is a script that starts Python, which would otherwise outlive it).
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** How much of az's output is kept: a token answer is a few KiB, an error a few lines. */
export const MAX_STDOUT_BYTES = 1024 * 1024;
export const MAX_STDERR_BYTES = 64 * 1024;

export interface AzRun {
  /** Exit code, or null when the process was killed or ended by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Stopped after the time limit. */
  timedOut: boolean;
  /** Stopped because the caller's signal aborted. */
  cancelled: boolean;
  /** stdout went past MAX_STDOUT_BYTES (the process was stopped). */
  overflow: boolean;
  /** It could not be started at all (ENOENT, EACCES...). */
  spawnError?: NodeJS.ErrnoException;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The az executable: `explicit` when given (resolved against the working directory), else the
 * first `az` on `searchPath`. Relative PATH entries ("", ".") are skipped, as Go's exec.LookPath
 * does since 1.19: the provider runs in the configuration's directory, where a file named az
 * could be anybody's. On Windows az is a batch file, az.cmd.
 */
export function findAz(searchPath: string | undefined, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(explicit);
    return isExecutableFile(file) ? file : undefined;
  }
  const names = process.platform === 'win32' ? ['az.cmd', 'az.exe', 'az.bat'] : ['az'];
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    for (const name of names) {
      const file = path.join(dir, name);
      if (isExecutableFile(file)) return file;
    }
  }
  return undefined;
}

export interface AzRunOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Runs `file args...` and resolves (never rejects) with what happened. No shell on POSIX; on
 * Windows a .cmd can only be run by cmd.exe, given the one command line (our arguments are a URL
 * and a checked tenant id, free of quotes and cmd metacharacters).
 */
export function runAz(file: string, args: string[], opts: AzRunOptions): Promise<AzRun> {
  const windowsBatch = process.platform === 'win32' && /\.(cmd|bat)$/i.test(file);
  const [command, argv] = windowsBatch
    ? [opts.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', `""${file}" ${args.join(' ')}"`]]
    : [file, args];
  return new Promise((resolve) => {
    const result: AzRun = { code: null, stdout: '', stderr: '', timedOut: false, cancelled: false, overflow: false };
    if (opts.signal?.aborted) return resolve({ ...result, cancelled: true });
    let child;
    try {
      child = spawn(command, argv, {
        env: opts.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so that stopping it stops Python too (POSIX).
        detached: process.platform !== 'win32',
        windowsHide: true,
        windowsVerbatimArguments: windowsBatch,
      });
    } catch (e) {
      return resolve({ ...result, spawnError: e as NodeJS.ErrnoException });
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    const stop = () => {
      const pid = child.pid;
      if (pid === undefined) return;
      try {
        if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true });
        else process.kill(-pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already, or was never made
      }
    };
    child.stdout.on('data', (b: Buffer) => {
      if (outBytes + b.length > MAX_STDOUT_BYTES) {
        result.overflow = true;
        stop();
        return;
      }
      outBytes += b.length;
      out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errBytes >= MAX_STDERR_BYTES) return;
      const kept = b.subarray(0, MAX_STDERR_BYTES - errBytes);
      errBytes += kept.length;
      err.push(kept);
    });
    const timer = setTimeout(() => {
      result.timedOut = true;
      stop();
    }, opts.timeoutMs);
    const onAbort = () => {
      result.cancelled = true;
      stop();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      result.stdout = Buffer.concat(out).toString('utf8');
      result.stderr = Buffer.concat(err).toString('utf8');
      resolve(result);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      result.spawnError = e;
      finish();
    });
    child.on('close', (code) => {
      result.code = code;
      finish();
    });
  });
}
