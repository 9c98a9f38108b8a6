// The "Incomplete lock file information for providers" warning of a first `init` from a
// filesystem mirror, and what docs/install.md says to do about it, on every engine: the package
// is the same bytes on every platform, so its one h1: hash is the same everywhere; `providers lock
// -fs-mirror=<mirror> -platform=…` records the other platforms (with that same hash) once their
// packages are in the mirror, and an `init` with that lock file does not warn.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { goPlatform, installProvider } from '../../provider/cli/install';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { describeEachEngine } from '../support/engines';
import { TfWorkdir, flatOutput } from '../support/tf-workdir';

const STEP_TIMEOUT = 120_000;
const MAIN = `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}
`;
const WARNING = 'Incomplete lock file information for providers';

/** The hashes of the provider's entry in a lock file. */
const lockHashes = (text: string | undefined) => [...(text ?? '').matchAll(/"(h1:[^"]+|zh:[^"]+)"/g)].map((m) => m[1]);

describeEachEngine('lock file platforms of a filesystem-mirror install', (engine) => {
  let wd: TfWorkdir | undefined;
  afterEach(() => wd?.dispose());

  test(
    'the first init warns; providers lock -platform records another platform with the same h1: hash, and init then does not warn',
    async () => {
      const bundlePath = requireBundle(PROVIDER_BUNDLE);
      wd = await TfWorkdir.create(engine, {
        files: { 'main.tf': MAIN },
        providers: [{ sourceAddress: SOURCE_ADDRESS, bundlePath }],
        init: false,
      });
      const mirror = path.join(wd.root, 'mirror');
      const here = goPlatform();
      const other = here === 'darwin_arm64' ? 'linux_amd64' : 'darwin_arm64';
      const { hash } = await installProvider({
        mirrorDir: mirror,
        bundlePath,
        sourceAddress: SOURCE_ADDRESS,
        version: PROVIDER_VERSION,
        platform: other,
      });

      const first = flatOutput(await wd.run(['init', '-input=false']));
      expect(first).toContain(WARNING);
      expect(first).toContain(`only includes checksums for ${here}`);
      expect(lockHashes(wd.readFile('.terraform.lock.hcl'))).toEqual([hash]);

      // As docs/install.md says: lock the platforms from the mirror, before the first init.
      rmSync(path.join(wd.dir, '.terraform'), { recursive: true, force: true });
      rmSync(path.join(wd.dir, '.terraform.lock.hcl'));
      const locked = flatOutput(
        await wd.run(['providers', 'lock', `-fs-mirror=${mirror}`, `-platform=${here}`, `-platform=${other}`]),
      );
      expect(locked).toContain(`checksums for ${here}`);
      expect(locked).toContain(`checksums for ${other}`);
      expect(lockHashes(wd.readFile('.terraform.lock.hcl'))).toEqual([hash]);

      const again = flatOutput(await wd.run(['init', '-input=false']));
      expect(again).not.toContain(WARNING);
    },
    STEP_TIMEOUT,
  );
});
