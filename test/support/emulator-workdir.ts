// The setup most engine suites share: an in-process emulator, its admin client, and a working dir
// whose provider (the real bundle) is pointed at it through the PARTNERCENTER_* variables.
import { EmulatorAdmin } from '../../emulator/admin-client';
import { providerEnvFor, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/server';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { PROVIDER_BUNDLE, requireBundle } from './bundles';
import type { Engine } from './engines';
import { TfWorkdir } from './tf-workdir';

export interface EmulatorWorkdir {
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  wd: TfWorkdir;
  /** Removes the working dir and stops the emulator. */
  dispose(): Promise<void>;
}

/** A working dir whose provider (the real bundle) talks to the emulator at `url`. */
export function workdirFor(engine: Engine, files: Record<string, string>, url: string): Promise<TfWorkdir> {
  return TfWorkdir.create(engine, {
    files,
    env: providerEnvFor(url),
    providers: [{ sourceAddress: SOURCE_ADDRESS, bundlePath: requireBundle(PROVIDER_BUNDLE) }],
  });
}

export async function createEmulatorWorkdir(
  engine: Engine,
  files: Record<string, string>,
  emulatorOptions: EmulatorOptions = {},
): Promise<EmulatorWorkdir> {
  const emulator = await startEmulator({ port: 0, ...emulatorOptions });
  try {
    const wd = await workdirFor(engine, files, emulator.url);
    return {
      emulator,
      admin: new EmulatorAdmin(emulator.url),
      wd,
      dispose: async () => {
        await wd.dispose();
        await emulator.close();
      },
    };
  } catch (e) {
    await emulator.close();
    throw e;
  }
}
