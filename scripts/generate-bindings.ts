// Regenerates the committed CDK bindings from the provider's own schema, once per runtime:
// lib/generated/ for cdktf and lib/cdktn/ (generated/ plus index.ts, the twin of lib/index.ts)
// for cdktn. See scripts/bindings/runtimes.ts for why there are two sets, and why each is made
// in its own process.
//
//   npm run generate                       # schema straight from the provider code (no engine)
//   tsx scripts/generate-bindings.ts [--runtime cdktf|cdktn] [--out <dir>] [--schema <schema.json>]
//
// --runtime generates one set only. --out writes <dir>/generated and <dir>/cdktn instead of into
// lib/ (the freshness test uses it). --schema takes a `terraform providers schema -json` document
// instead (e.g. to preview a schema change); the provider version recorded in the bindings is
// always PROVIDER_VERSION.
import './bindings/quiet-env';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProviderSchema } from '@cdktf/commons';
import { generateBindings } from './bindings/generate';
import { writeTree } from './bindings/files';
import { loadProviderSchema, withProviderVersion } from './bindings/provider-schema';
import { RUNTIMES, runtimeTarget, type RuntimeTarget } from './bindings/runtimes';
import { twinEntry } from './bindings/twin-entry';

export const LIB_DIR = path.resolve(__dirname, '..', 'lib');
/** lib/index.ts, the source of the cdktn twin entry. */
const ENTRY = path.join(LIB_DIR, 'index.ts');
const USAGE = 'usage: generate-bindings [--runtime cdktf|cdktn] [--out <dir>] [--schema <schema.json>]';

interface Args {
  runtime?: RuntimeTarget;
  out: string;
  schemaFile?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { out: LIB_DIR };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (argv[i] === '--runtime' && value) args.runtime = runtimeTarget(value);
    else if (argv[i] === '--out' && value) args.out = path.resolve(value);
    else if (argv[i] === '--schema' && value) args.schemaFile = path.resolve(value);
    else throw new Error(`${USAGE} (unexpected "${argv[i]}")`);
  }
  return args;
}

/** `target`'s folder (see RuntimeTarget) with its files. */
async function folderFiles(schema: ProviderSchema, target: RuntimeTarget): Promise<Map<string, string>> {
  const files = await generateBindings(schema, target);
  const folder = new Map(
    [...files].map(([rel, text]) => [target.classesIn ? `${target.classesIn}/${rel}` : rel, text]),
  );
  if (target.twinEntry) folder.set('index.ts', twinEntry(await readFile(ENTRY, 'utf8')));
  return folder;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (!args.runtime) {
    // One process per runtime (this script again, with --runtime), one after the other.
    for (const target of RUNTIMES) {
      const run = spawnSync(process.execPath, [...process.execArgv, __filename, ...argv, '--runtime', target.runtime], {
        stdio: 'inherit',
      });
      if (run.status !== 0) throw new Error(`generating the ${target.runtime} bindings failed (see above)`);
    }
    return;
  }
  const schema = args.schemaFile
    ? (JSON.parse(await readFile(args.schemaFile, 'utf8')) as ProviderSchema)
    : loadProviderSchema();
  const files = await folderFiles(withProviderVersion(schema), args.runtime);
  const target = path.join(args.out, args.runtime.folder);
  await writeTree(target, files);
  console.log(
    `generated ${files.size} ${args.runtime.runtime} files into ${path.relative(process.cwd(), target) || '.'}`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`generate-bindings: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
