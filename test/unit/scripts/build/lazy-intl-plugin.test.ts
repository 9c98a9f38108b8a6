// The build-time rewrite that makes @sindresorhus/is's Intl.ListFormat objects lazy: same output,
// created on first use, and it still matches the installed version of the package.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lazyListFormats } from '../../../../scripts/build/lazy-intl-plugin';
import { ROOT } from '../../../support/bundles';

it('turns each eager module-level Intl.ListFormat into a lazy one that formats the same', () => {
  const source =
    "const andFormatter = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });\n" +
    "const orFormatter = new Intl.ListFormat('en', { style: 'long', type: 'disjunction' });\n" +
    'module.exports = { and: andFormatter.format(["a", "b", "c"]), or: orFormatter.format(["x", "y"]), andFormatter };\n';
  const { code, replaced } = lazyListFormats(source);
  expect(replaced).toBe(2);
  expect(code).not.toMatch(/const \w+ = new Intl\.ListFormat/);
  const mod: { exports: any } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the rewritten module source is what this test checks
  new Function('module', code)(mod);
  expect(mod.exports.and).toBe('a, b, and c');
  expect(mod.exports.or).toBe('x or y');
});

it('matches the installed @sindresorhus/is (a new version that no longer matches would warn at build)', () => {
  const file = path.join(ROOT, 'node_modules', '@sindresorhus', 'is', 'distribution', 'index.js');
  expect(lazyListFormats(readFileSync(file, 'utf8')).replaced).toBe(2);
});
