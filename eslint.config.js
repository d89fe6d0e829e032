import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './scripts/lint/no-import-cycle.js';

/**
 * What may import what inside src/: the browser half and the Node half share
 * only src/protocol; the callback page is a page of its own; nothing imports the
 * test kit. Paths are globs from the repository root (`**` also lets the lint
 * rules' own tests lint a fixture tree laid out like src/).
 */
const src = (path) => `**/src/${path}`;
const BROWSER = ['element', 'flow', 'callback'].map((folder) => src(`${folder}/**`));
const NODE = ['server', 'mock-provider', 'testing'].map((folder) => src(`${folder}/**`));
const BOUNDARY_ZONES = [
  {
    target: NODE,
    from: BROWSER,
    message: 'The Node half never imports browser code: share types and constants through src/protocol.',
  },
  {
    target: [...BROWSER, src('*.ts')],
    from: NODE,
    message: 'Browser code never imports the Node half: share types and constants through src/protocol.',
  },
  {
    target: [...BROWSER, ...NODE.filter((path) => !path.includes('/testing/')), src('protocol/**'), src('*.ts')],
    from: [src('testing/**')],
    message: 'Nothing imports the test kit (oauth-connect/testing): it imports the rest.',
  },
];
const CALLBACK_ZONE = {
  target: [src('callback/**')],
  from: [src('**')],
  except: [src('callback/**'), src('protocol/**')],
  message: 'The callback page imports only src/protocol, to stay small and free of the element.',
};
const boundaries = (zones) => ['error', { basePath: import.meta.dirname, zones }];

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
      'test/lint/**',
      'test/*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The shape of src/: which folders may meet, and no import cycle (test/lint/rules.test.js shows each rule fail).
    files: ['src/**'],
    plugins: { 'import-x': importX, 'oauth-connect': { rules: { 'no-import-cycle': noImportCycle } } },
    settings: {
      // `./x.js` in TypeScript source names `x.ts`, as `moduleResolution: Bundler` reads it.
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': boundaries([...BOUNDARY_ZONES, CALLBACK_ZONE]),
      'oauth-connect/no-import-cycle': 'error',
    },
  },
  {
    // The words both sides share: types and constants, importing nothing at all.
    files: ['src/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*'], message: 'src/protocol holds types and constants only and imports nothing.' }] },
      ],
    },
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
