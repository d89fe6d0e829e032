// Reads a V8 heap snapshot (CDP HeapProfiler.takeHeapSnapshot) into the two things the bench needs
// (bench/flows.js, part 3): the self size by node type, to tell compiled code from everything else,
// and the number of JS objects, closures, arrays and strings by constructor, to see whether any of
// them grows with the number of flows.

/** Node types counted by constructor name; strings are counted together. */
const COUNTED = new Set(['object', 'closure', 'array', 'regexp']);
const STRINGS = new Set(['string', 'concatenated string', 'sliced string']);

/** `{ bytesByType: { code, object, native, … }, counts: Map<name, n> }` of a snapshot's JSON text. */
export function summarize(json) {
  const { snapshot, nodes, strings } = JSON.parse(json);
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const bytesByType = {};
  const counts = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    bytesByType[type] = (bytesByType[type] ?? 0) + nodes[i + sizeAt];
    // Scopes are named after their ScopeInfo's id (`system / Context / scope @123`), which changes
    // when V8 recompiles the function: one name for all of them.
    const name = STRINGS.has(type)
      ? '(strings)'
      : COUNTED.has(type)
        ? strings[nodes[i + nameAt]].replace(/ @\d+$/, '')
        : null;
    if (name != null) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return { bytesByType, counts };
}

/** V8's own heap in a summary: every node type but Blink's (`native`) and the snapshot's own (`synthetic`). */
export const v8Bytes = ({ bytesByType }) =>
  Object.entries(bytesByType).reduce(
    (sum, [type, bytes]) => (type == 'native' || type == 'synthetic' ? sum : sum + bytes),
    0,
  );

/** Constructors (and strings) whose count grew by at least `threshold` from `before` to `after`. */
export const growing = (before, after, threshold) =>
  [...after.counts]
    .map(([name, count]) => ({ name, growth: count - (before.counts.get(name) ?? 0) }))
    .filter(({ growth }) => growth >= threshold)
    .sort((a, b) => b.growth - a.growth);
