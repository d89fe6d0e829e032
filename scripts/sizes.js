// Byte sizes as the byte budget defines them, shared by the budget check
// (test/package/size-budget.js) and the benchmark (bench/run.js).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

/**
 * `gzip -9` is GNU gzip itself (`-n`: no name or timestamp, so the count is
 * the same on every run). zlib's deflate at level 9 differs from it by a few
 * bytes either way, so the budget is measured with the tool it names.
 */
export const gzip9 = (file) => gzip9Bytes(readFileSync(file));

export const gzip9Bytes = (bytes) =>
  execFileSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 26 }).length;

/** Brotli at its highest quality (11), as a CDN serves static files. */
export const brotli11Bytes = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Minified, gzip -9 and brotli bytes of a file or of code. */
export const sizes = (fileOrCode, { isCode = false } = {}) => {
  const bytes = isCode ? Buffer.from(fileOrCode) : readFileSync(fileOrCode);
  return { minified: bytes.length, gzip: gzip9Bytes(bytes), brotli: brotli11Bytes(bytes) };
};
