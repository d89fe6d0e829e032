import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Node-side code: the mock provider, the server helper, configs and scripts.
    files: [
      'src/server/**',
      'src/mock-provider/**',
      'src/testing/**',
      '*.{js,ts}',
      'scripts/**',
      'bench/**',
      'test/e2e/**',
      'test/testing/**',
      'test/*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests and demos may be looser than the shipped code (as open-wc does).
    files: ['test/**', 'demo/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
