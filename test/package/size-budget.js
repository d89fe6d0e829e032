// The byte budgets (scripts/byte-budgets.js) enforced: sizes are deterministic, so npm test
// enforces them. When a feature breaks a budget, make the code smaller.
// Needs a build (npm run build).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { budgets } from '../../scripts/byte-budgets.js';
import { codeSpans, readme, section, tables } from './readme.js';
import { gzip9, gzip9Bytes } from '../../scripts/sizes.js';

const report = (over, line) => {
  (over > 0 ? console.error : console.log)(`size: ${line}`);
  if (over > 0) process.exitCode = 1;
};

for (const [file, budget] of Object.entries(budgets)) {
  if (!existsSync(file)) {
    report(1, `${file} is missing; run npm run build`);
    continue;
  }
  const over = gzip9(file) - budget;
  report(
    over,
    `${file} ${gzip9(file)} bytes gzip -9 (budget ${budget}): ${over > 0 ? `OVER by ${over} bytes` : `ok, ${-over} bytes to spare`}`,
  );
}

// README's "Size" table gives each file's bytes today: they must be today's, not a past build's.
// A row for several files (`dist/locales/{fr,es,de}.js`) gives the largest of them.
const [sizeTable] = tables(section(readme(), 'Size'));
const today = sizeTable.header.indexOf('Today');
for (const row of sizeTable.rows) {
  const [pattern] = codeSpans(row[0]);
  const files = pattern.replace(/\{([^}]+)\}/, (_all, names) => `(${names.replaceAll(',', '|')})`);
  const matching = Object.keys(budgets).filter((file) => new RegExp(`^${files}$`).test(file));
  const largest = Math.max(...matching.filter(existsSync).map(gzip9));
  const said = Number(row[today].replaceAll(',', ''));
  report(
    matching.length && said == largest ? 0 : 1,
    `README's Size table says ${pattern} is ${row[today]} bytes today; ${matching.length ? `it is ${largest}` : 'no budget names that file'}`,
  );
}

// An npm user pays what a script-tag user pays for the same features: a Vite app
// (built from the packed package) whose only code is these imports may be at most
// 3 % over the script-tag files that hold them (the app bundler's minifier and glue
// differ a little).
if (Object.keys(budgets).every(existsSync)) {
  const { importOnlyApp } = await import('../../scripts/consumer-build.js');
  const apps = [
    [['oauth-connect/element'], ['dist/oauth-connect.js']],
    [
      ['oauth-connect/element', 'oauth-connect/modes/server-bound'],
      ['dist/oauth-connect.js', 'dist/modes/server-bound.js', 'dist/modes/connected.js'],
    ],
    [
      ['oauth-connect/define'],
      [
        'dist/oauth-connect.js',
        ...Object.keys(budgets).filter((f) => f.includes('/modes/')),
        // modes/auto.js imports the table from beside the bundle.
        'dist/in-app-browsers.js',
      ],
    ],
  ];
  for (const [imports, files] of apps) {
    const { code } = await importOnlyApp(imports.map((path) => `import '${path}';\n`).join(''));
    const bytes = gzip9Bytes(code);
    const limit = Math.floor(files.reduce((sum, file) => sum + gzip9(file), 0) * 1.03);
    report(
      bytes - limit,
      `a Vite app importing ${imports.join(' + ')} ${bytes} bytes gzip -9 (at most ${limit}, ${files.join(' + ')} + 3 %): ${bytes > limit ? `OVER by ${bytes - limit} bytes` : 'ok'}`,
    );
  }
}
