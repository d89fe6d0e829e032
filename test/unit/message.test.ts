import { expect } from '@open-wc/testing';
import { acceptCallbackMessage, MESSAGE_TYPE, type FlowIdentity } from '../../src/flow/message.js';

describe('acceptCallbackMessage', () => {
  const popup = window; // any window object stands for "the flow's popup" here
  const flow: FlowIdentity = { state: 'S', popup, origin: 'https://partner.example' };
  const good = {
    type: MESSAGE_TYPE,
    params: [
      ['code', 'C'],
      ['state', 'S'],
    ],
  };
  const accept = (overrides: Partial<MessageEvent> & { data?: unknown }) =>
    acceptCallbackMessage({ data: good, origin: flow.origin, source: popup, ...overrides }, flow);

  it('accepts the flow popup’s message with the flow state', () => {
    expect(accept({})).to.deep.equal([
      ['code', 'C'],
      ['state', 'S'],
    ]);
  });

  it('returns a copy, not the sender’s array', () => {
    const params = [['state', 'S']];
    const accepted = accept({ data: { type: MESSAGE_TYPE, params } });
    params[0]![1] = 'changed';
    expect(accepted).to.deep.equal([['state', 'S']]);
  });

  const ignored: Record<string, Partial<MessageEvent> & { data?: unknown }> = {
    'another origin': { origin: 'https://evil.example' },
    'another window': { source: null },
    'a wrong state': {
      data: {
        type: MESSAGE_TYPE,
        params: [
          ['code', 'C'],
          ['state', 'X'],
        ],
      },
    },
    'no state': { data: { type: MESSAGE_TYPE, params: [['code', 'C']] } },
    'another type': { data: { ...good, type: 'something-else' } },
    'a string': { data: 'code=C&state=S' },
    null: { data: null },
    'a number': { data: 42 },
    'params that are not an array': { data: { type: MESSAGE_TYPE, params: { state: 'S' } } },
    'a pair that is not a pair': { data: { type: MESSAGE_TYPE, params: [['state', 'S', 'x']] } },
    'a non-string value': {
      data: {
        type: MESSAGE_TYPE,
        params: [
          ['state', 'S'],
          ['code', { toString: () => 'C' }],
        ],
      },
    },
    'too many params': {
      data: { type: MESSAGE_TYPE, params: [['state', 'S'], ...Array.from({ length: 40 }, (_, i) => [`p${i}`, 'v'])] },
    },
    'a megabyte-long value': {
      data: {
        type: MESSAGE_TYPE,
        params: [
          ['state', 'S'],
          ['code', 'x'.repeat(1 << 20)],
        ],
      },
    },
    '__proto__ keys': { data: JSON.parse(`{"__proto__": {"type": "${MESSAGE_TYPE}", "params": [["state", "S"]]}}`) },
  };
  for (const [name, overrides] of Object.entries(ignored))
    it(`ignores a message with ${name}`, () => {
      expect(accept(overrides)).to.equal(undefined);
    });
});
