// Picks, from a set of emitted declaration files, the ones an entry's declarations reach through
// relative imports (`from './x'`, `import('./x')`): a library entry then ships the types its
// users can see, not a .d.ts of every internal module the compiler passed through.
import path from 'node:path';

const RELATIVE_IMPORT = /(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function declarationFile(importer: string, specifier: string): string {
  const base = path.resolve(path.dirname(importer), specifier).replace(/\.(c|m)?js$/, '');
  return `${base}.d.ts`;
}

/** The entries of `emitted` (absolute path -> text) reachable from `entry`, entry first. */
export function reachableDeclarations(emitted: ReadonlyMap<string, string>, entry: string): Map<string, string> {
  const picked = new Map<string, string>();
  const queue = [path.resolve(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (picked.has(file)) continue;
    let text = emitted.get(file);
    if (text === undefined) {
      // "./routes" may name a folder's index.
      const index = file.replace(/\.d\.ts$/, `${path.sep}index.d.ts`);
      text = emitted.get(index);
      if (text === undefined) throw new Error(`declaration ${file} is imported but was not emitted`);
    }
    picked.set(file, text);
    for (const m of text.matchAll(RELATIVE_IMPORT)) queue.push(declarationFile(file, m[1]));
  }
  return picked;
}
