import { expect } from '@open-wc/testing';
import { acceptCallbackMessage, type FlowIdentity } from '../../../src/flow/message.js';
import { MESSAGE_TYPE } from '../../../src/protocol/callback.js';
import { VERSION } from '../../../src/protocol/version.js';

/** Records console.warn while `run` runs (and still prints it). */
const warnings = (run: () => void): string[] => {
  const seen: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    seen.push(args.join(' '));
    warn.apply(console, args);
  };
  try {
    run();
  } finally {
    console.warn = warn;
  }
  return seen;
};

describe('acceptCallbackMessage', () => {
  const popup = window; // any window object stands for "the flow's popup" here
  const origin = 'https://partner.example';
  let flow: FlowIdentity;
  beforeEach(() => (flow = { state: 'S', popup, redirectUri: origin + '/cb/done.html?lang=en' }));
  const good = {
    type: MESSAGE_TYPE,
    params: [
      ['code', 'C'],
      ['state', 'S'],
    ],
    url: origin + '/cb/done.html',
    version: VERSION,
  };
  const accept = (overrides: Partial<MessageEvent> & { data?: unknown }) =>
    acceptCallbackMessage({ data: good, origin, source: popup, ...overrides }, flow);

  it('accepts the flow popup’s message with the flow state', () => {
    expect(accept({})).to.deep.equal([
      ['code', 'C'],
      ['state', 'S'],
    ]);
  });

  it('returns a copy, not the sender’s array', () => {
    const params = [['state', 'S']];
    const accepted = accept({ data: { ...good, params } });
    params[0]![1] = 'changed';
    expect(accepted).to.deep.equal([['state', 'S']]);
  });

  const ignored: Record<string, Partial<MessageEvent> & { data?: unknown }> = {
    'another origin': { origin: 'https://evil.example' },
    'another window': { source: parent == window ? new MessageChannel().port1 : parent },
    'no source (the BroadcastChannel) while the popup is open': { source: null },
    'a callback page on another origin': { data: { ...good, url: 'https://evil.example/cb/done.html' } },
    'no callback page URL': { data: { ...good, url: undefined } },
    'a callback page URL that is not a URL': { data: { ...good, url: 'not a url' } },
    'a wrong state': {
      data: {
        ...good,
        params: [
          ['code', 'C'],
          ['state', 'X'],
        ],
      },
    },
    'no state': { data: { ...good, params: [['code', 'C']] } },
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

  it('ignores a result from another page of its origin, and says once which path came and which it expects', () => {
    const other = { data: { ...good, url: origin + '/callback' } };
    const said = warnings(() => {
      for (let i = 0; i < 5; i++) expect(accept(other)).to.equal(undefined);
    });
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('/callback,').and.contain('/cb/done.html').and.contain('/callback.html to /callback');
  });

  it('compares the paths parsed: the redirect URI’s query does not matter, the path’s case does', () => {
    expect(warnings(() => expect(accept({})).to.not.equal(undefined))).to.deep.equal([]);
    expect(accept({ data: { ...good, url: origin + '/CB/done.html' } })).to.equal(undefined);
  });

  it('accepts a callback script of another version, and says so in the console', () => {
    const said = warnings(() => expect(accept({ data: { ...good, version: '0.0.1' } })).to.not.equal(undefined));
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('0.0.1').and.contain(VERSION);
  });

  it('accepts a message without source (the BroadcastChannel) once the popup reads closed (COOP)', () => {
    flow.popup = { closed: true } as Window;
    expect(accept({ source: null })).to.deep.equal([
      ['code', 'C'],
      ['state', 'S'],
    ]);
  });
});
