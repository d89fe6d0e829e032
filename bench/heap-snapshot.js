// Reads a V8 heap snapshot (CDP HeapProfiler.takeHeapSnapshot) into the three things the bench needs
// (bench/flows.js, part 3): the self size by node type, to tell compiled code from everything else;
// the number of JS objects, closures, arrays and strings by constructor, to see whether any of them
// grows with the number of flows; and the compiled code by the script whose functions own it, to
// tell the page's code from the bench's own (Playwright's evaluate helpers, bench/probes.js).

/** Node types counted by constructor name; strings are counted together. */
const COUNTED = new Set(['object', 'closure', 'array', 'regexp']);
const STRINGS = new Set(['string', 'concatenated string', 'sliced string']);

/** Where each named field sits in a snapshot's flat node or edge records (`meta.node_fields`, …). */
const positions = (fields, ...names) => names.map((name) => fields.indexOf(name));

/**
 * `{ bytesByType: { code, object, native, … }, counts: Map<name, n>, codeByScript: Map<url, bytes> }`
 * of a snapshot's JSON text.
 */
export function summarize(json) {
  const heap = JSON.parse(json);
  const { snapshot, nodes, strings } = heap;
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = positions(fields, 'type', 'name', 'self_size');
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
  return { bytesByType, counts, codeByScript: codeByScript(heap) };
}

/** Key of `codeByScript` for code that no function owns (builtins' handlers, shared caches). */
export const NO_FUNCTION = '(no function)';

/**
 * Bytes of compiled code (nodes of type `code`: bytecode, baseline and optimized code, inline
 * caches) by the URL of the script of the function that owns them: the nearest function (closure
 * or SharedFunctionInfo) among their retainers, weak references left out. Scripts without a URL
 * are under '': in the bench's pages, Playwright's `evaluate` helpers and init scripts.
 */
function codeByScript({ snapshot: { meta }, nodes, edges, strings }) {
  const nodeSize = meta.node_fields.length;
  const edgeSize = meta.edge_fields.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = positions(meta.node_fields, 'type', 'name', 'self_size', 'edge_count');
  const [edgeTypeAt, edgeNameAt, toAt] = positions(meta.edge_fields, 'type', 'name_or_index', 'to_node');
  const [nodeTypes] = meta.node_types;
  const [edgeTypes] = meta.edge_types;
  const count = nodes.length / nodeSize;
  const typeOf = (node) => nodeTypes[nodes[node * nodeSize + typeAt]];
  const nameOf = (node) => strings[nodes[node * nodeSize + nameAt]];
  // A node's edges are the next `edge_count` ones after those of the nodes before it.
  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0; node < count; node++)
    firstEdge[node + 1] = firstEdge[node] + nodes[node * nodeSize + edgeCountAt] * edgeSize;
  const edgesOf = function* (node) {
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge += edgeSize) {
      const type = edgeTypes[edges[edge + edgeTypeAt]];
      // `element` and `hidden` edges are named by an index, the others by a string.
      const name = type == 'element' || type == 'hidden' ? null : strings[edges[edge + edgeNameAt]];
      yield { type, name, to: edges[edge + toAt] / nodeSize };
    }
  };
  const edgeTo = (node, name) => {
    for (const edge of edgesOf(node)) if (edge.name == name) return edge.to;
    return -1;
  };
  // Retainers of each node, as one flat array indexed by `firstRetainer`.
  const retainerCount = new Uint32Array(count + 1);
  for (let node = 0; node < count; node++)
    for (const { type, to } of edgesOf(node)) if (type != 'weak') retainerCount[to + 1]++;
  const firstRetainer = new Uint32Array(count + 1);
  for (let node = 0; node < count; node++) firstRetainer[node + 1] = firstRetainer[node] + retainerCount[node + 1];
  const retainers = new Uint32Array(firstRetainer[count]);
  const filled = new Uint32Array(count);
  for (let node = 0; node < count; node++)
    for (const { type, to } of edgesOf(node)) if (type != 'weak') retainers[firstRetainer[to] + filled[to]++] = node;

  const isFunction = (node) => typeOf(node) == 'closure' || nameOf(node).startsWith('system / SharedFunctionInfo');
  const scriptOf = (fn) => {
    const shared = typeOf(fn) == 'closure' ? edgeTo(fn, 'shared') : fn;
    const script = shared < 0 ? -1 : edgeTo(shared, 'script');
    const url = script < 0 ? -1 : edgeTo(script, 'name');
    return url < 0 ? '' : nameOf(url);
  };
  /** The nearest function retaining `code`, breadth first, a few steps up at most. */
  const ownerOf = (code) => {
    const seen = new Set([code]);
    let level = [code];
    for (let depth = 0; depth < 8 && level.length; depth++) {
      const next = [];
      for (const node of level)
        for (let i = firstRetainer[node]; i < firstRetainer[node + 1]; i++) {
          const retainer = retainers[i];
          if (seen.has(retainer)) continue;
          if (isFunction(retainer)) return retainer;
          seen.add(retainer);
          next.push(retainer);
        }
      level = next;
    }
    return -1;
  };
  const bytes = new Map();
  for (let node = 0; node < count; node++) {
    if (typeOf(node) != 'code') continue;
    const owner = ownerOf(node);
    const script = owner < 0 ? NO_FUNCTION : scriptOf(owner);
    bytes.set(script, (bytes.get(script) ?? 0) + nodes[node * nodeSize + sizeAt]);
  }
  return bytes;
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

/** How the compiled code of each script grew from `before` to `after`: `{ [url]: bytes }`, negative if it shrank. */
export const codeGrowthByScript = (before, after) =>
  Object.fromEntries(
    [...new Set([...before.codeByScript.keys(), ...after.codeByScript.keys()])].map((script) => [
      script,
      (after.codeByScript.get(script) ?? 0) - (before.codeByScript.get(script) ?? 0),
    ]),
  );
