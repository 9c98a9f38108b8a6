/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '\\.(ts|js|mjs)$': '<rootDir>/test/support/esbuild-transform.js' },
  // got 14 and its dependencies ship only ESM: let the transformer turn them into CJS too.
  transformIgnorePatterns: [
    '/node_modules/(?!(got|@sindresorhus|@szmarczak|cacheable-lookup|cacheable-request|decompress-response|form-data-encoder|get-stream|http2-wrapper|lowercase-keys|p-cancelable|responselike|mimic-response|normalize-url|type-fest|is-stream|byte-counter|chunk-data|keyv|@keyv|quick-lru|defer-to-connect|uint8array-extras|@sec-ant)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 30000,
  // Builds the provider bundles (esbuild) once before the suites: the e2e tests run them.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
