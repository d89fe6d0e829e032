// The README against package.json: what it says the package depends on and what it says can be
// imported. Both drift silently when a dependency or an entry point is added, so each is derived
// from package.json here, never listed by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeSpans, packageJson, readme, section, tables } from './readme.js';

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

test('"Install" names every dependency, with its major version, and says how many there are', () => {
  const dependencies = packageJson().dependencies ?? {};
  const install = section(readme(), 'Install');
  const sentence = /\bIts (\w+) (?:runtime )?dependenc(?:y|ies)\b[^]*?\.(?:\s|$)/.exec(install);
  assert.ok(sentence, 'Install has a sentence "Its <number> dependencies …"');
  assert.equal(sentence[1], NUMBERS[Object.keys(dependencies).length], `the count in: ${sentence[0]}`);
  const named = codeSpans(sentence[0]);
  assert.deepEqual([...named].sort(), Object.keys(dependencies).sort(), `the names in: ${sentence[0]}`);
  for (const [name, range] of Object.entries(dependencies)) {
    const major = /\d+/.exec(range)[0];
    assert.match(sentence[0], new RegExp(`\`${name}\` ${major}\\b`), `${name} is given as major ${major} (${range})`);
  }
});

/** The import paths a row's first cell names; `/callback.js` after `oauth-connect/x.js` is `oauth-connect/callback.js`. */
const importsOf = (cell) => codeSpans(cell).map((span) => (span.startsWith('/') ? `oauth-connect${span}` : span));

/** `name` as a test: a `*` in it (an exports pattern, or the README's `/modes/*.js`) matches any path part. */
const pattern = (name) =>
  new RegExp(
    `^${name
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('[^]+')}$`,
  );
/** Whether two import paths can name the same file: equal, or one a pattern the other fits. */
const overlap = (a, b) => a == b || pattern(a).test(b) || pattern(b).test(a);

test('"Use from npm" has a row for every entry point that exports declares', () => {
  const pkg = packageJson();
  const [table] = tables(section(readme(), 'Use from npm'));
  assert.ok(table, '"Use from npm" has the import table');
  const documented = table.rows.flatMap((row) => importsOf(row[0]));
  // Metadata, not code: package.json, and the manifest, which the section's text describes.
  const entries = Object.keys(pkg.exports)
    .filter((path) => !/^\.\/(package|custom-elements)\.json$/.test(path))
    .map((path) => (path == '.' ? pkg.name : `${pkg.name}/${path.slice(2)}`));
  const missing = entries.filter((name) => !documented.some((path) => overlap(path, name)));
  assert.deepEqual(missing, [], `import table rows missing for: ${missing.join(', ')}`);
  const unknown = documented.filter((name) => !entries.some((path) => overlap(path, name)));
  assert.deepEqual(unknown, [], `the import table names what exports does not declare: ${unknown.join(', ')}`);
  assert.match(section(readme(), 'Use from npm'), /`custom-elements\.json`/, 'the manifest is described');
});
