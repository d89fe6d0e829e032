/**
 * The providers' URLs live once, in src/protocol/providers.ts (with their
 * sources): every file that takes them from there holds no URL of its own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const SRC = join(import.meta.dirname, '../../src');
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
/** The text of a file without its comments, where citing a URL is welcome. */
const code = (file) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

test("the files that use the providers' URLs take every one from src/protocol/providers.ts", () => {
  const users = files(SRC)
    .filter((file) => /from '(\.\.\/)+protocol\/providers\.js'/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file));
  // The element's presets, the mock's profiles and the server's profiles.
  for (const expected of ['flow/providers.ts', 'mock-provider/profiles.ts', 'server/profiles.ts'])
    assert.ok(users.includes(expected), expected);
  for (const file of users)
    assert.doesNotMatch(code(join(SRC, file)), /https?:\/\/[a-z]/i, `${file} holds a URL literal`);
});
