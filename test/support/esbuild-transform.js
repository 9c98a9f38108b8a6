// Jest transformer: esbuild turns our TypeScript and the ESM-only dependencies (got and its
// helpers) into CommonJS, so jest runs everything in its default CJS mode. Type checking is
// done separately by `tsc --noEmit` (npm run typecheck).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.ts') ? 'ts' : 'js';
    const out = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      supported: { 'dynamic-import': false },
    });
    return { code: out.code };
  },
};
