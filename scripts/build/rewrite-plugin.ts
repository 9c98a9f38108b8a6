// The mechanism of the bundle's build-time rewrites of a dependency's module (lazy-intl-plugin.ts,
// lazy-js-stream-socket-plugin.ts): one esbuild plugin per rewrite, loading the matching file
// through the rewrite. A new version of the package that no longer matches is left as it is, with
// a build warning: the provider still works, only its launches that call the API start slower.
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

export interface SourceRewrite {
  /** The plugin's name. */
  name: string;
  /** The path of the module to rewrite. */
  filter: RegExp;
  /** What the rewrite looks for, for the warning when it finds none. */
  looksFor: string;
  /** The rewritten source, and whether anything was rewritten. */
  rewrite: (source: string) => { code: string; rewritten: boolean };
}

export function rewritePlugin({ name, filter, looksFor, rewrite }: SourceRewrite): Plugin {
  return {
    name,
    setup(build) {
      build.onLoad({ filter }, async (args) => {
        const { code, rewritten } = rewrite(await readFile(args.path, 'utf8'));
        const warnings = rewritten ? [] : [{ text: `no ${looksFor} found in ${args.path}; left unchanged` }];
        return { contents: code, loader: 'js', warnings };
      });
    },
  };
}
