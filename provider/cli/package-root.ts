// The root of this npm package, wherever its code runs from: the repository (tsx runs
// provider/cli/*.ts) or an installed package (the CLI is bundled into dist/cli/). The files the
// installer copies (dist/provider/, provider/launcher/) sit at the same place under the root in
// both, so only the root has to be found.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_NAME } from '../meta';

/** The nearest folder at or above `from` whose package.json names this package. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME
    )
      return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`cannot find the ${PACKAGE_NAME} package (its package.json) at or above ${from}`);
  }
}
