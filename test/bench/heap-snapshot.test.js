// The bench's heap-snapshot reading (bench/heap-snapshot.js) on a hand-made snapshot: the bench's
// memory verdict rests on it, so a wrong attribution must fail here rather than pass there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeGrowthByScript, NO_FUNCTION, summarize } from '../../bench/heap-snapshot.js';

/** A V8 heap snapshot's JSON from `{ type, name, size, edges: [[edgeType, name, toIndex]] }` nodes. */
function snapshotOf(list) {
  const nodeTypes = ['hidden', 'code', 'closure', 'object', 'string'];
  const edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
  const strings = [];
  const stringId = (text) => (strings.includes(text) ? strings.indexOf(text) : strings.push(text) - 1);
  const nodeFields = ['type', 'name', 'id', 'self_size', 'edge_count'];
  const nodes = list.flatMap(({ type, name, size = 0, edges = [] }, i) => [
    nodeTypes.indexOf(type),
    stringId(name),
    i * 2 + 1,
    size,
    edges.length,
  ]);
  const edges = list.flatMap(({ edges = [] }) =>
    edges.flatMap(([type, name, to]) => [edgeTypes.indexOf(type), stringId(name), to * nodeFields.length]),
  );
  const meta = {
    node_fields: nodeFields,
    node_types: [nodeTypes],
    edge_fields: ['type', 'name_or_index', 'to_node'],
    edge_types: [edgeTypes],
  };
  return JSON.stringify({ snapshot: { meta }, nodes, edges, strings });
}

/** A page script's function, with optimized code behind its feedback vector, and a bench script's. */
const heap = ({ pageCode, benchCode }) => [
  /* 0 */ { type: 'hidden', name: 'system / Script', edges: [['internal', 'name', 1]] },
  /* 1 */ { type: 'string', name: 'http://127.0.0.1/dist/oauth-connect.js' },
  /* 2 */ { type: 'hidden', name: 'system / SharedFunctionInfo', edges: [['internal', 'script', 0]] },
  /* 3 */ {
    type: 'closure',
    name: 'startFlow',
    edges: [
      ['internal', 'shared', 2],
      ['internal', 'feedback_cell', 4],
    ],
  },
  /* 4 */ { type: 'hidden', name: 'system / FeedbackVector', edges: [['internal', 'code', 5]] },
  /* 5 */ { type: 'code', name: 'system / Code', size: pageCode, edges: [['internal', 'instruction_stream', 6]] },
  /* 6 */ { type: 'code', name: 'system / InstructionStream', size: pageCode * 3 },
  /* 7 */ { type: 'hidden', name: 'system / Script', edges: [['internal', 'name', 8]] },
  /* 8 */ { type: 'string', name: '' },
  // A bench script's function: its bytecode hangs off the SharedFunctionInfo itself.
  /* 9 */ {
    type: 'hidden',
    name: 'system / SharedFunctionInfo',
    edges: [
      ['internal', 'script', 7],
      ['internal', 'trusted_function_data', 10],
    ],
  },
  /* 10 */ { type: 'code', name: 'system / BytecodeArray', size: benchCode },
  // Code no function holds; the weak reference from the page's closure does not make it its code.
  /* 11 */ { type: 'code', name: 'system / LoadHandler', size: 7 },
  /* 12 */ { type: 'object', name: 'Holder', edges: [['property', 'handler', 11]] },
  /* 13 */ {
    type: 'closure',
    name: 'other',
    edges: [
      ['internal', 'shared', 2],
      ['weak', 'cached', 11],
    ],
  },
];

test('compiled code is counted under the script of the nearest function that retains it', () => {
  const { codeByScript, bytesByType } = summarize(snapshotOf(heap({ pageCode: 100, benchCode: 40 })));
  assert.deepEqual(Object.fromEntries(codeByScript), {
    'http://127.0.0.1/dist/oauth-connect.js': 400,
    '': 40,
    [NO_FUNCTION]: 7,
  });
  assert.equal(bytesByType.code, 447);
});

test('the growth of each script is after minus before', () => {
  const before = summarize(snapshotOf(heap({ pageCode: 100, benchCode: 40 })));
  const after = summarize(snapshotOf(heap({ pageCode: 150, benchCode: 10 })));
  assert.deepEqual(codeGrowthByScript(before, after), {
    'http://127.0.0.1/dist/oauth-connect.js': 200,
    '': -30,
    [NO_FUNCTION]: 0,
  });
});
