// Regenerates the committed CDKTF bindings in lib/generated/ from the provider's own schema.
//
//   npm run generate                       # schema straight from the provider code (no engine)
//   tsx scripts/generate-bindings.ts [--out <dir>] [--schema <schema.json>]
//
// --schema takes a `terraform providers schema -json` document instead (e.g. to preview a
// schema change); the provider version recorded in the bindings is always PROVIDER_VERSION.
import './bindings/quiet-env';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProviderSchema } from '@cdktf/commons';
import { generateBindings } from './bindings/generate';
import { writeTree } from './bindings/files';
import { loadProviderSchema, withProviderVersion } from './bindings/provider-schema';

export const DEFAULT_OUT = path.resolve(__dirname, '..', 'lib', 'generated');

interface Args {
  out: string;
  schemaFile?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (argv[i] === '--out' && value) args.out = path.resolve(value);
    else if (argv[i] === '--schema' && value) args.schemaFile = path.resolve(value);
    else throw new Error(`usage: generate-bindings [--out <dir>] [--schema <schema.json>] (unexpected "${argv[i]}")`);
  }
  return args;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const schema = args.schemaFile
    ? (JSON.parse(await readFile(args.schemaFile, 'utf8')) as ProviderSchema)
    : loadProviderSchema();
  const files = await generateBindings(withProviderVersion(schema));
  await writeTree(args.out, files);
  console.log(`generated ${files.size} files into ${path.relative(process.cwd(), args.out) || '.'}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`generate-bindings: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
