import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/**
 * The README's framework snippets are the tested examples (examples.ui.spec.ts
 * runs them end to end): the part of each file between its `#region readme`
 * and `#endregion readme` markers, dedented, must appear in README.md as is.
 */
const root = new URL('../../', import.meta.url);

/** The marked part of an example file, without its common indentation. */
const readmeRegion = (source: string): string => {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.includes('#region readme'));
  const end = lines.findIndex((line) => line.includes('#endregion readme'));
  if (start < 0 || end < start) throw new Error('No #region readme … #endregion readme');
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => line.search(/\S/)));
  return body.map((line) => line.slice(indent)).join('\n');
};

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
