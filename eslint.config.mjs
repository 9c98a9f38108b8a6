// `npm run lint`: ESLint over the hand-written code, then a Prettier check. Rules are
// typescript-eslint's type-aware strict set (each file is typed through its nearest
// tsconfig.json), minus the few that fight this code base on purpose (listed below with why).
// Formatting is Prettier's job (`npm run format`), so no stylistic rule lives here. Generated
// bindings (lib/generated, and lib/cdktn whose index.ts is a copy of lib/index.ts) are excluded:
// `npm run generate` rewrites them and a freshness test checks them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'lib/generated/', 'lib/cdktn/', '**/cdktf.out/', '**/.gen/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Numbers, booleans and possibly-undefined values in messages are intended (counts, flags,
      // "(none)" fallbacks are explicit where the text matters).
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowRegExp: true },
      ],
      // Non-null assertions mark invariants the type system cannot see (parsed protobuf fields,
      // map lookups just checked); each is local and obvious.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `() => void fn()` style arrow bodies are idiomatic in callbacks and handlers.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Defensive checks on decoded wire data and API answers are deliberate: the static type
      // says what a well-behaved peer sends, not what a broken or hostile one may.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Records keyed by attribute or header name are edited in place on purpose.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // An async method that implements a Promise-returning interface without awaiting turns a
      // throw into a rejection, which is what its callers handle.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests inspect parsed JSON (API bodies, engine -json output, state files) whose shape is
    // the thing under test: `any` there is checked by the assertions, not by the types.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.cjs', 'jest.config.js', 'test/support/esbuild-transform.js'],
    languageOptions: { sourceType: 'commonjs' },
    // CommonJS files require() Node's modules under their usual names (crypto, ...), which
    // shadow the same-named globals harmlessly.
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
);
