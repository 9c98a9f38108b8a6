// Writes the registry-layout docs pages, docs/index.md, docs/resources/<name>.md and
// docs/data-sources/<name>.md, from the provider's schema (createProvider() in
// provider/provider.ts), the templates in templates/ and the examples in examples/ (layout and
// placeholders: scripts/docs/pages.ts and scripts/docs/template.ts). The other pages of docs/
// are hand-written and left alone.
//
//   npm run docs                                   # write the pages
//   npm run docs -- --check                        # only compare; exit 1 naming each stale page
//   tsx scripts/generate-docs.ts [--check] [--docs-dir <dir>]
//
// --docs-dir writes (or checks) another folder than docs/ (the freshness test uses it).
import path from 'node:path';
import { createProvider } from '../provider/provider';
import { readGeneratedPages, repositorySource, stalePages, writeGeneratedPages } from './docs/docs-tree';
import { DOCS_COMMAND, renderDocs } from './docs/pages';

const ROOT = path.resolve(__dirname, '..');
const USAGE = 'usage: generate-docs [--check] [--docs-dir <dir>]';

interface Args {
  check: boolean;
  docsDir: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { check: false, docsDir: path.join(ROOT, 'docs') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--docs-dir' && argv[i + 1]) args.docsDir = path.resolve(argv[++i]);
    else throw new Error(`${USAGE} (unexpected "${argv[i]}")`);
  }
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  // An empty environment: the schema never depends on it.
  const pages = renderDocs(repositorySource(ROOT), createProvider({}));
  const label = path.relative(process.cwd(), args.docsDir) || '.';
  if (args.check) {
    const problems = stalePages(pages, await readGeneratedPages(args.docsDir), label);
    if (problems.length === 0) {
      process.stdout.write(`${label}: ${pages.size} generated pages are up to date\n`);
      return 0;
    }
    process.stderr.write(`${label} is not what ${DOCS_COMMAND} generates:\n- ${problems.join('\n- ')}\n`);
    return 1;
  }
  await writeGeneratedPages(args.docsDir, pages);
  process.stdout.write(`${label}: wrote ${[...pages.keys()].join(', ')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`generate-docs: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
