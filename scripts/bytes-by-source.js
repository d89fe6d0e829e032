// Which source module each byte of a minified bundle comes from, read from its
// source map (as source-map-explorer does): every generated segment's text, up
// to the next segment, belongs to the segment's source.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One line's segments of a source map's `mappings` (Base64 VLQ): `{ column, source }`, source -1 if none. */
function decodeLine(line, state) {
  const segments = [];
  for (const text of line.split(',')) {
    if (!text) continue;
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const char of text) {
      const digit = BASE64.indexOf(char);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = shift = 0;
      }
    }
    state.column += fields[0];
    if (fields.length > 1) state.source += fields[1];
    segments.push({ column: state.column, source: fields.length > 1 ? state.source : -1 });
  }
  return segments;
}

/**
 * `{ [source]: [[start, end], …] }`: the ranges of `code` (string offsets)
 * that come from each source of `map`; the rest is under `(unmapped)`
 * (line breaks, glue the bundler wrote).
 */
export function rangesBySource(code, map) {
  const ranges = {};
  const add = (source, start, end) => {
    if (end <= start) return;
    const name = source >= 0 ? map.sources[source].replace(/^(\.\.\/)+/, '') : '(unmapped)';
    (ranges[name] ??= []).push([start, end]);
  };
  const state = { column: 0, source: 0 };
  const mappings = map.mappings.split(';');
  let lineStart = 0;
  code.split('\n').forEach((line, index) => {
    state.column = 0;
    const segments = decodeLine(mappings[index] ?? '', state);
    add(-1, lineStart, lineStart + (segments[0]?.column ?? line.length));
    segments.forEach((segment, i) => {
      const end = i + 1 < segments.length ? segments[i + 1].column : line.length;
      add(segment.source, lineStart + segment.column, lineStart + end);
    });
    add(-1, lineStart + line.length, Math.min(code.length, lineStart + line.length + 1));
    lineStart += line.length + 1;
  });
  return ranges;
}

/** The bytes of `code` in the given ranges. */
export const bytesIn = (code, ranges) =>
  ranges.reduce((sum, [start, end]) => sum + Buffer.byteLength(code.slice(start, end)), 0);

/** `code` without the given ranges (to measure what removing them would save after compression). */
export const without = (code, ranges) => {
  let out = '';
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    out += code.slice(at, start);
    at = end;
  }
  return out + code.slice(at);
};
