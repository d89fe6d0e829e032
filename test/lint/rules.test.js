/**
 * The lint rules that keep src/ in shape (eslint.config.js): run through
 * ESLint's Node API with the repository's own config, on a fixture tree laid
 * out like src/ (test/lint/fixtures/src). Each bad fixture fails with the rule
 * meant for it; the clean files pass.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const eslint = new ESLint({ cwd: FIXTURES, overrideConfigFile: join(ROOT, 'eslint.config.js') });

/** The rule ids ESLint reports for one fixture file, with their messages for a failing assertion. */
const lint = async (file) => {
  const [result] = await eslint.lintFiles([join(FIXTURES, 'src', file)]);
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
};
const ruleIds = (messages) => messages.map(({ ruleId }) => ruleId);

describe('lint: import cycles', () => {
  test('a cycle made of type-only imports fails on both files', async () => {
    for (const file of ['mock-provider/cycle-context.ts', 'mock-provider/cycle-accounts.ts']) {
      const messages = await lint(file);
      assert.deepEqual(ruleIds(messages), ['oauth-connect/no-import-cycle'], JSON.stringify(messages));
      assert.match(
        messages[0].message,
        /cycle-context\.ts → .*cycle-accounts\.ts → .*cycle-context\.ts|cycle-accounts\.ts → .*cycle-context\.ts → .*cycle-accounts\.ts/,
      );
    }
  });
});

describe('lint: boundaries between the sides of src/', () => {
  for (const [file, rule, why] of [
    ['server/imports-flow.ts', 'import-x/no-restricted-paths', /Node half never imports browser code/],
    ['flow/imports-server.ts', 'import-x/no-restricted-paths', /Browser code never imports the Node half/],
    ['callback/imports-flow.ts', 'import-x/no-restricted-paths', /callback page imports only src\/protocol/],
    ['mock-provider/imports-testing.ts', 'import-x/no-restricted-paths', /Nothing imports the test kit/],
    ['protocol/imports-package.ts', 'no-restricted-imports', /imports nothing/],
  ])
    test(`${file} fails with ${rule}`, async () => {
      const messages = await lint(file);
      assert.deepEqual(ruleIds(messages), [rule], JSON.stringify(messages));
      assert.match(messages[0].message, why);
    });
});

describe('lint: clean files pass', () => {
  for (const file of [
    'protocol/words.ts',
    'flow/widget.ts',
    'server/route.ts',
    'callback/page.ts',
    'mock-provider/settings.ts',
    'mock-provider/store.ts',
    'testing/kit.ts',
  ])
    test(`${file} has no problem`, async () => {
      assert.deepEqual(await lint(file), []);
    });
});
