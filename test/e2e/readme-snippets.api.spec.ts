import { expect, test } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { PAGE_BLOCKS, readmeBlocks } from './readme-blocks.js';

/**
 * The README's framework snippets are the tested examples (examples.ui.spec.ts
 * runs them end to end): the part of each file between its `#region readme`
 * and `#endregion readme` markers, dedented, must appear in README.md as is.
 */
const root = new URL('../../', import.meta.url);

/** The marked parts of a file (`#region readme` … `#endregion readme`), each without its common indentation. */
const readmeRegions = (source: string): string[] => {
  const regions: string[] = [];
  const lines = source.split('\n');
  for (let start = 0; (start = lines.findIndex((line, i) => i >= start && line.includes('#region readme'))) >= 0;) {
    const end = lines.findIndex((line, i) => i > start && line.includes('#endregion readme'));
    if (end < 0) throw new Error('#region readme without #endregion readme');
    const body = lines.slice(start + 1, end);
    const indent = Math.min(...body.filter((line) => line.trim()).map((line) => line.search(/\S/)));
    regions.push(body.map((line) => line.slice(indent)).join('\n'));
    start = end;
  }
  if (!regions.length) throw new Error('No #region readme … #endregion readme');
  return regions;
};
const readmeRegion = (source: string): string => readmeRegions(source)[0]!;

/** Files whose readme regions are tested: the examples run end to end, readme-*.ts are type-checked (test/types/run.js). */
const regionFiles = async () => [
  'demo/examples/react.tsx',
  'demo/examples/vue.ts',
  'demo/examples/plain.html',
  ...(await readdir(new URL('test/types/consumer/', root)))
    .filter((name) => /^readme-.*\.ts$/.test(name))
    .map((name) => `test/types/consumer/${name}`),
];

for (const [file, language] of [
  ['demo/examples/react.tsx', 'tsx'],
  ['demo/examples/vue.ts', 'ts'],
  ['demo/examples/plain.html', 'html'],
])
  test(`README shows ${file} exactly`, async () => {
    const [readme, source] = await Promise.all([
      readFile(new URL('README.md', root), 'utf8'),
      readFile(new URL(file, root), 'utf8'),
    ]);
    expect(readme).toContain('```' + language + '\n' + readmeRegion(source) + '\n```');
  });

test('README shows the regions of test/types/consumer/readme-*.ts (type-checked against the packed package) exactly', async () => {
  const readme = await readFile(new URL('README.md', root), 'utf8');
  const files = (await regionFiles()).filter((file) => file.startsWith('test/types/'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files)
    for (const region of readmeRegions(await readFile(new URL(file, root), 'utf8')))
      expect(readme, file).toContain('```ts\n' + region + '\n```');
});

test('every code block of the README is tested, except shell commands and program output', async () => {
  const sources = await Promise.all((await regionFiles()).map((file) => readFile(new URL(file, root), 'utf8')));
  const regions = sources.flatMap(readmeRegions);
  const inPages = Object.values(PAGE_BLOCKS).map(([language, text]) => ({ language, text }));
  // The Vite tip is built by test/package/vite-callback-url.js, which reads it from the README.
  const viteTip = "import callbackUrl from 'oauth-connect/callback.js?url&no-inline';";
  // Read from the README by the file named on their first line, and run as those files: the CI
  // example's project by test/testing/run.js, the Quick start's pages and server.js by
  // test/recipes/quick-start.test.js, the Redis section's server.js by test/recipes/redis.test.js,
  // the Vite callback page by test/recipes/vite-build.test.js,
  // the Fetch runtime's handler by test/recipes/fetch-runtime.test.js, nginx's and the dev proxy's by test/recipes/express.test.js.
  const runAsFiles = [
    /^\/\/ server\.js: /,
    /^\/\/ worker\.js: /,
    /^# nginx\.conf: /,
    /^\/\/ vite\.config\.js: Vite's dev server in front/,
    /^<!-- public\/(index|callback)\.html/,
    /^\/\/ vite\.config\.js\n/,
    /^<!-- callback\.html -->\n/,
  ];
  const untested = readmeBlocks().filter(
    ({ language, code }) =>
      language != 'sh' &&
      language != 'text' &&
      !regions.includes(code) &&
      code != viteTip &&
      !runAsFiles.some((pattern) => pattern.test(code)) &&
      !inPages.some((block) => block.language == language && code.includes(block.text)),
  );
  expect(untested).toEqual([]);
});
