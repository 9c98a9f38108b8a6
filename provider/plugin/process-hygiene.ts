// How the provider process behaves towards the engine that launched it:
// - SIGINT is ignored (like go-plugin servers): Ctrl-C reaches the whole process group, the
//   engine then sends StopProvider and lets calls in flight finish. (In --debug mode, run by a
//   human, Ctrl-C exits instead.)
// - SIGTERM exits through the normal path, so cleanup runs;
// - a watchdog exits when the parent dies (we would otherwise be orphaned, holding pipes);
// - an uncaught exception is printed as a `panic: ` line, which the engine shows in its
//   "plugin crashed" report, then the process exits 1;
// - cleanup callbacks (socket, temp dir) run on every exit.

export interface HygieneOptions {
  sigint: 'ignore' | 'exit';
  watchParent: boolean;
  /** Runs synchronously on exit; must not throw. */
  cleanup: () => void;
}

export function installProcessHygiene(opts: HygieneOptions): void {
  process.on('SIGINT', opts.sigint === 'ignore' ? () => undefined : () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  process.on('exit', () => {
    try {
      opts.cleanup();
    } catch {
      // best effort: the process is ending anyway
    }
  });
  const crash = (err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`panic: ${text}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  if (opts.watchParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) process.exit(0);
    }, 1000).unref();
  }
}
