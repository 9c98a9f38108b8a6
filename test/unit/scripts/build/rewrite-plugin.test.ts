// The mechanism behind the bundle's build-time rewrites: the matching module is bundled as
// rewritten, and a module the rewrite no longer matches is bundled unchanged, with a warning.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rewritePlugin } from '../../../../scripts/build/rewrite-plugin';

const plugin = rewritePlugin({
  name: 'test-rewrite',
  filter: /[\\/]target\.js$/,
  looksFor: 'eager thing',
  rewrite: (source) => ({ code: source.replace('eager', 'lazy'), rewritten: source.includes('eager') }),
});

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rewrite-plugin-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(target: string) {
  writeFileSync(path.join(dir, 'target.js'), target);
  writeFileSync(path.join(dir, 'entry.js'), "module.exports = require('./target.js');\n");
  const result = await build({
    entryPoints: [path.join(dir, 'entry.js')],
    bundle: true,
    write: false,
    platform: 'node',
    logLevel: 'silent',
    plugins: [plugin],
  });
  return { code: result.outputFiles[0].text, warnings: result.warnings.map((w) => w.text) };
}

it('bundles the matching module as rewritten, without a warning', async () => {
  const { code, warnings } = await bundle("module.exports = 'eager';\n");
  expect(code).toContain('"lazy"');
  expect(code).not.toContain('"eager"');
  expect(warnings).toEqual([]);
});

it('bundles a module the rewrite no longer matches unchanged, naming what it looked for', async () => {
  const { code, warnings } = await bundle("module.exports = 'other';\n");
  expect(code).toContain('"other"');
  expect(warnings).toEqual([`no eager thing found in ${path.join(dir, 'target.js')}; left unchanged`]);
});
