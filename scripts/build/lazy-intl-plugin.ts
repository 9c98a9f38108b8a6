// esbuild plugin: makes the `Intl.ListFormat` objects that @sindresorhus/is (a dependency of got)
// creates at module load lazy. Creating them loads ICU list-pattern data: ~10 ms and a few MB of
// RSS in every provider launch that calls the API, for formatters that only word the messages of
// failed type assertions. The rewrite keeps their behaviour: the same formatter, built on first use.
import { rewritePlugin } from './rewrite-plugin';

// `const andFormatter = new Intl.ListFormat('en', {...});` and the same for orFormatter.
const EAGER_LIST_FORMAT = /const (\w+) = new Intl\.ListFormat\(([^;]*?)\);/g;

/** The source with each eager module-level `new Intl.ListFormat(...)` turned into a lazy one. */
export function lazyListFormats(source: string): { code: string; replaced: number } {
  let replaced = 0;
  const code = source.replace(EAGER_LIST_FORMAT, (_all, name: string, args: string) => {
    replaced++;
    return `let ${name}$lazy; const ${name} = { format: (list) => (${name}$lazy ??= new Intl.ListFormat(${args})).format(list) };`;
  });
  return { code, replaced };
}

export const lazyIntlPlugin = rewritePlugin({
  name: 'lazy-intl-list-format',
  filter: /[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/,
  looksFor: 'eager Intl.ListFormat',
  rewrite: (source) => {
    const { code, replaced } = lazyListFormats(source);
    return { code, rewritten: replaced > 0 };
  },
});
