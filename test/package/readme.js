// Reading README.md as a partner reads it: a section by its heading, the tables in it, the
// backticked names in a table's first column. Shared by the tests that hold the README to
// package.json and to the code.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../..');
export const readme = () => readFileSync(join(repo, 'README.md'), 'utf8');
export const packageJson = () => JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

/** The text under the heading that starts with `heading` (any level), up to the next heading of its level or above. */
export const section = (text, heading) => {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '').startsWith(heading));
  if (start == -1) throw new Error(`README.md has no section "${heading}"`);
  const level = lines[start].indexOf(' ');
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start + 1, end == -1 ? undefined : end).join('\n');
};

/** Every Markdown table in `text`: its header cells and its rows' cells (code blocks left out). */
export const tables = (text) => {
  const outside = text.replace(/```[\s\S]*?```/g, '');
  const found = [];
  let current;
  for (const line of outside.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    // Split on the pipes that separate cells, not on an escaped `\|` inside one.
    const cells = line
      .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    if (!current) found.push((current = { header: cells, rows: [] }));
    else if (!cells.every((cell) => /^:?-+:?$/.test(cell))) current.rows.push(cells);
  }
  return found;
};

/** The `code` spans of a cell. */
export const codeSpans = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);

/**
 * The code blocks of `text` that name a file on their first line (`// vite.config.js`,
 * `// server.js: …`, `<!-- callback.html -->`), as `{ name, text }` in order.
 */
export const namedBlocks = (text) =>
  [...text.matchAll(/```\w+\n((?:\/\/ |<!-- )([\w./-]+?)(?::| -->|\n)[\s\S]*?)```/g)].map((match) => ({
    name: match[2],
    text: match[1],
  }));
