// One temporary workspace per benchmark: the provider bundle built from the current sources, and
// ONE filesystem mirror holding both our provider and the Go provider, so the engine finds,
// checksums, links and launches both the same way (`init` from the mirror, lock file, plugin
// launched from .terraform/providers).
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { buildBundle, DEFAULT_ENTRY } from '../build-provider';
import { mirrorCliConfig, writeCliConfig } from '../../provider/cli/cli-config';
import { goPlatform, installProvider } from '../../provider/cli/install';
import { RESTAPI_SOURCE, RESTAPI_VERSION } from './configs';

export interface Workspace {
  root: string;
  bundle: string;
  cliConfig: string;
  /** Our provider's launcher inside the mirror. */
  ourExecutable: string;
  /** XDG_CACHE_HOME for the launches: the code cache starts empty and is warmed by warm-up runs. */
  cacheHome: string;
}

export async function prepareWorkspace(root: string, goProvider: string | undefined): Promise<Workspace> {
  const mirrorDir = path.join(root, 'mirror');
  const { outfile: bundle } = await buildBundle({
    entry: DEFAULT_ENTRY,
    outfile: path.join(root, 'partnercenter-provider.cjs'),
  });
  const { executable } = await installProvider({
    mirrorDir,
    bundlePath: bundle,
    sourceAddress: SOURCE_ADDRESS,
    version: PROVIDER_VERSION,
  });
  const include = [SOURCE_ADDRESS];
  if (goProvider) {
    // The unpacked-mirror layout: <host>/<ns>/<type>/<version>/<os_arch>/terraform-provider-<type>_v<version>.
    const dir = path.join(mirrorDir, RESTAPI_SOURCE, RESTAPI_VERSION, goPlatform());
    await mkdir(dir, { recursive: true });
    const target = path.join(dir, `terraform-provider-restapi_v${RESTAPI_VERSION}`);
    await copyFile(goProvider, target);
    await chmod(target, 0o755);
    include.push(RESTAPI_SOURCE);
  }
  const cliConfig = await writeCliConfig(path.join(root, 'cli.tfrc'), mirrorCliConfig({ mirrorDir, include }));
  const cacheHome = path.join(root, 'xdg-cache');
  await mkdir(cacheHome, { recursive: true });
  return { root, bundle, cliConfig, ourExecutable: executable, cacheHome };
}
