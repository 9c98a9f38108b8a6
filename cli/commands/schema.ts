// `schema`: the provider's schema as JSON, printed by the packaged bundle itself (its
// --schema-json mode, the format of `terraform providers schema -json`), so it is exactly the
// schema of the provider that `install` installs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEFAULT_BUNDLE } from '../../provider/cli/install';
import type { CommandSpec } from '../args';

export const schemaSpec: CommandSpec = {
  name: 'schema',
  brief: 'print the provider schema as JSON',
  summary:
    'Prints the provider schema as JSON, in the format of `terraform providers schema -json` (without an engine ' +
    'or a working directory).',
  flags: [],
};

export function runSchema(bundle: string = DEFAULT_BUNDLE): Promise<number> {
  if (!existsSync(bundle))
    throw new Error(`provider bundle not found: ${bundle} (in the repository, build it with: npm run build:provider)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, '--schema-json'], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}
