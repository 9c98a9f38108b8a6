// The part of docs/ the generator owns (index.md, resources/, data-sources/), read from and
// written to disk, and compared with a fresh generation. The other pages of docs/
// (architecture.md, cli.md, install.md, security.md, demo.md) are hand-written and never touched.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readTree, writeTree } from '../bindings/files';
import { DOCS_COMMAND, type DocsSource } from './pages';

/** The generated folders of docs/; index.md is the one generated file beside them. */
const OWNED_FOLDERS = ['resources', 'data-sources'] as const;

/** A DocsSource over the repository at `root`. */
export function repositorySource(root: string): DocsSource {
  return {
    readFile(rel) {
      const file = path.join(root, ...rel.split('/'));
      try {
        return statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    list(rel) {
      try {
        return readdirSync(path.join(root, ...rel.split('/'))).sort();
      } catch {
        return [];
      }
    },
  };
}

/** The generated pages found in `docsDir` (path relative to it -> text). */
export async function readGeneratedPages(docsDir: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  try {
    pages.set('index.md', readFileSync(path.join(docsDir, 'index.md'), 'utf8'));
  } catch {
    // missing: reported by the comparison
  }
  for (const folder of OWNED_FOLDERS) {
    for (const [rel, text] of await readTree(path.join(docsDir, folder))) pages.set(`${folder}/${rel}`, text);
  }
  return pages;
}

/** Writes `pages` into `docsDir`, replacing resources/ and data-sources/ as a whole (no stale page survives). */
export async function writeGeneratedPages(docsDir: string, pages: Map<string, string>): Promise<void> {
  await mkdir(docsDir, { recursive: true });
  for (const folder of OWNED_FOLDERS) {
    const files = new Map<string, string>();
    for (const [rel, text] of pages) if (rel.startsWith(`${folder}/`)) files.set(rel.slice(folder.length + 1), text);
    await writeTree(path.join(docsDir, folder), files);
  }
  const index = pages.get('index.md');
  if (index !== undefined) await writeFile(path.join(docsDir, 'index.md'), index);
}

function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      const show = (l: string | undefined) => (l === undefined ? '(end of file)' : JSON.stringify(l));
      return ` at line ${i + 1}: generated ${show(e[i])}, found ${show(a[i])}`;
    }
  }
  return '';
}

/**
 * One message per page of `actual` (what `label` holds, e.g. "docs") that is missing, extra or
 * different from `expected`, each naming the file and the command that fixes it.
 */
export function stalePages(expected: Map<string, string>, actual: Map<string, string>, label = 'docs'): string[] {
  const fix = `run \`${DOCS_COMMAND}\``;
  const problems: string[] = [];
  for (const [rel, text] of expected) {
    const found = actual.get(rel);
    if (found === undefined) problems.push(`${label}/${rel} is missing: ${fix}`);
    else if (found !== text)
      problems.push(
        `${label}/${rel} differs from a fresh generation${firstDifference(text, found)}: ${fix} (edit its template, not the page)`,
      );
  }
  for (const rel of actual.keys())
    if (!expected.has(rel)) problems.push(`${label}/${rel} is not a page of a registered type: ${fix} (it removes it)`);
  return problems;
}
