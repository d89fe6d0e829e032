import { expect, fixture, html, oneEvent, aTimeout } from '@open-wc/testing';
import '../../src/define.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';
import { ConnectError } from '../../src/flow/errors.js';
import { CHANNEL_PREFIX, MESSAGE_TYPE } from '../../src/flow/message.js';
import {
  RETURN_MARK,
  STORAGE_PREFIX,
  dropExpiredFlows,
  saveRedirectFlow,
  takeRedirectResult,
} from '../../src/flow/redirect.js';
import { popupHarness } from './popup-harness.js';

const redirectUri = new URL('/test/fixtures/callback.html', location.href).href;
const target = 'https://provider.example/authorize client code';

/** Puts this page in the state the callback page leaves it in after a redirect flow. */
const returnWith = (params: Record<string, string>) =>
  history.replaceState(
    null,
    '',
    location.pathname + location.search + RETURN_MARK + encodeURIComponent(new URLSearchParams(params) + ''),
  );

/** Counts the calls of a `Storage` method, on any storage, until `restore()`. */
const countCalls = (name: 'key' | 'getItem') => {
  const original = Storage.prototype[name] as (this: Storage, ...args: unknown[]) => unknown;
  const counter = {
    count: 0,
    restore: () => Object.assign(Storage.prototype, { [name]: original }),
  };
  Object.assign(Storage.prototype, {
    [name](this: Storage, ...args: unknown[]) {
      counter.count++;
      return original.apply(this, args);
    },
  });
  return counter;
};

describe('redirect flow return', () => {
  const pathBefore = location.pathname + location.search;
  afterEach(() => {
    history.replaceState(null, '', pathBefore);
    sessionStorage.clear();
  });
  const save = (state: string, expires?: number) => {
    saveRedirectFlow({
      returnUrl: location.href,
      target,
      expected: { responseType: 'code', state, redirectUri, codeVerifier: 'V' },
    });
    if (expires !== undefined) {
      const key = STORAGE_PREFIX + state;
      sessionStorage.setItem(key, JSON.stringify({ ...JSON.parse(sessionStorage.getItem(key)!), expires }));
    }
  };

  it('returns the result for its own target, strips the URL and forgets the flow', () => {
    save('S1');
    returnWith({ code: 'C', state: 'S1' });
    expect(takeRedirectResult(() => target)).to.deep.equal({
      responseType: 'code',
      code: 'C',
      state: 'S1',
      redirectUri,
      codeVerifier: 'V',
    });
    expect(location.hash).to.equal('');
    expect(sessionStorage.getItem(STORAGE_PREFIX + 'S1')).to.equal(null);
    expect(takeRedirectResult(() => target)).to.equal(undefined);
  });

  it('stores only the state, the verifier and where to return: never a code or token', () => {
    save('S2');
    const stored = sessionStorage.getItem(STORAGE_PREFIX + 'S2')!;
    returnWith({ code: 'SECRET-CODE', state: 'S2' });
    takeRedirectResult(() => target);
    expect(stored).to.not.contain('SECRET-CODE');
    expect(JSON.stringify({ ...sessionStorage })).to.not.contain('SECRET-CODE');
  });

  it('leaves another element’s result alone', () => {
    save('S3');
    returnWith({ code: 'C', state: 'S3' });
    expect(takeRedirectResult(() => 'another target')).to.equal(undefined);
    expect(location.hash).to.not.equal('');
  });

  it('ignores a result whose state it never saved (a forged return)', () => {
    returnWith({ code: 'C', state: 'forged' });
    expect(takeRedirectResult(() => target)).to.equal(undefined);
  });

  it('drops expired pending flows, and nothing else', () => {
    save('old', Date.now() - 1);
    save('fresh');
    sessionStorage.setItem('partner-key', 'kept');
    dropExpiredFlows();
    expect(sessionStorage.getItem(STORAGE_PREFIX + 'old')).to.equal(null);
    expect(sessionStorage.getItem(STORAGE_PREFIX + 'fresh')).to.not.equal(null);
    expect(sessionStorage.getItem('partner-key')).to.equal('kept');
  });

  it('a hundred elements loading look through sessionStorage once at most, not once each', async () => {
    save('fresh');
    const keyReads = countCalls('key');
    const elements = Array.from({ length: 100 }, () => document.createElement('oauth-connect'));
    try {
      document.body.append(...elements);
      await aTimeout(50); // each element looks for a redirect result in a task after it connects
    } finally {
      keyReads.restore();
      for (const element of elements) element.remove();
    }
    // One entry: a sweep reads one key. Earlier tests' elements may have swept already.
    expect(keyReads.count).to.be.at.most(1);
  });

  it('without a returned result in the URL, looking for one does not touch sessionStorage', () => {
    save('S7');
    const itemReads = countCalls('getItem');
    let targetsComputed = 0;
    try {
      expect(takeRedirectResult(() => (targetsComputed++, target))).to.equal(undefined);
    } finally {
      itemReads.restore();
    }
    expect(itemReads.count).to.equal(0);
    // Nor does it work out whose result it would be (the element resolves all its options for that).
    expect(targetsComputed).to.equal(0);
  });

  it('ignores a returned result with malformed percent-encoding (not from our callback page)', () => {
    save('S6');
    history.replaceState(null, '', location.pathname + location.search + RETURN_MARK + '%E0%A4%A');
    expect(takeRedirectResult(() => target)).to.equal(undefined);
    expect(sessionStorage.getItem(STORAGE_PREFIX + 'S6')).to.not.equal(null);
  });

  it('throws the provider error', () => {
    save('S4');
    returnWith({ error: 'access_denied', state: 'S4' });
    expect(() => takeRedirectResult(() => target))
      .to.throw(ConnectError)
      .with.property('error', 'access_denied');
  });

  it('the element reports the returned result as connect-success on load', async () => {
    save('S5');
    sessionStorage.setItem(
      STORAGE_PREFIX + 'S5',
      JSON.stringify({
        ...JSON.parse(sessionStorage.getItem(STORAGE_PREFIX + 'S5')!),
        target: 'https://provider.example/authorize test-client code',
      }),
    );
    returnWith({ code: 'C5', state: 'S5' });
    const el = document.createElement('oauth-connect');
    Object.assign(el, { authorizeUrl: 'https://provider.example/authorize', clientId: 'test-client', redirectUri });
    const success = oneEvent(el, 'connect-success');
    document.body.append(el);
    try {
      expect((await success).detail).to.include({ code: 'C5', state: 'S5', codeVerifier: 'V' });
      expect(location.hash).to.equal('');
    } finally {
      el.remove();
    }
  });
});

describe('BroadcastChannel delivery (popup cut off by COOP)', () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  it('accepts the result on the flow’s channel, once, and only with its state', async () => {
    const el = await fixture<OAuthConnectElement>(
      html`<oauth-connect
        authorize-url=${new URL('/test/fixtures/authorize.html', location.href).href}
        client-id="c"
        redirect-uri="/test/fixtures/callback.html"
      ></oauth-connect>`,
    );
    const events: string[] = [];
    for (const type of ['connect-success', 'connect-error', 'connect-cancel'])
      el.addEventListener(type, () => events.push(type));
    const start = oneEvent(el, 'connect-start');
    el.connect().catch(() => {});
    const { state } = (await start).detail;
    const channel = new BroadcastChannel(CHANNEL_PREFIX + state);
    channel.postMessage({
      type: MESSAGE_TYPE,
      params: [
        ['code', 'forged'],
        ['state', 'other'],
      ],
    });
    const other = new BroadcastChannel(CHANNEL_PREFIX + 'other');
    other.postMessage({
      type: MESSAGE_TYPE,
      params: [
        ['code', 'forged'],
        ['state', state],
      ],
    });
    await aTimeout(100);
    expect(events).to.deep.equal([]);
    const success = oneEvent(el, 'connect-success');
    channel.postMessage({
      type: MESSAGE_TYPE,
      params: [
        ['code', 'real'],
        ['state', state],
      ],
    });
    expect((await success).detail.code).to.equal('real');
    channel.postMessage({
      type: MESSAGE_TYPE,
      params: [
        ['code', 'again'],
        ['state', state],
      ],
    });
    await aTimeout(100);
    expect(events).to.deep.equal(['connect-success']);
    channel.close();
    other.close();
  });
});

describe('storage denied (cookies blocked, a third-party frame)', () => {
  // A marked state (flow/redirect.ts): only then does the callback page look in sessionStorage.
  it('the callback page still posts to its opener and broadcasts, without throwing', async () => {
    const { handleCallback } = await import('../../src/callback/handle-callback.js');
    const posted: unknown[] = [];
    const channel = new BroadcastChannel(CHANNEL_PREFIX + '.S9');
    const broadcast = new Promise((resolve) => (channel.onmessage = (event) => resolve(event.data)));
    let closed = false;
    const win = {
      location: { href: `${location.origin}/cb.html?code=C&state=.S9`, pathname: '/cb.html', origin: location.origin },
      history: { replaceState: () => {} },
      opener: { postMessage: (message: unknown) => posted.push(message) },
      document: { body: {} },
      get sessionStorage(): Storage {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
      close: () => (closed = true),
    } as unknown as Window;
    handleCallback(win);
    const expected = {
      type: MESSAGE_TYPE,
      params: [
        ['code', 'C'],
        ['state', '.S9'],
      ],
    };
    expect(posted).to.deep.equal([expected]);
    expect(await broadcast).to.deep.equal(expected);
    expect(closed).to.equal(true);
    channel.close();
  });

  it('a popup flow (a state without the mark) does not touch sessionStorage at all', async () => {
    const { handleCallback } = await import('../../src/callback/handle-callback.js');
    let storageRead = false;
    const posted: unknown[] = [];
    const win = {
      location: { href: `${location.origin}/cb.html?code=C&state=P1`, pathname: '/cb.html', origin: location.origin },
      history: { replaceState: () => {} },
      opener: { postMessage: (message: unknown) => posted.push(message) },
      document: { body: {} },
      get sessionStorage(): Storage {
        storageRead = true;
        return sessionStorage;
      },
      close: () => {},
    } as unknown as Window;
    handleCallback(win);
    expect(storageRead).to.equal(false);
    expect(posted).to.have.length(1);
  });

  it('no redirect result is looked for, and nothing throws', () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'sessionStorage')!;
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
    try {
      expect(takeRedirectResult(() => target)).to.equal(undefined);
    } finally {
      Object.defineProperty(window, 'sessionStorage', descriptor);
    }
  });
});

describe('redirect mode when storage is refused', () => {
  it('reports invalid_config and stays on the page', async () => {
    const realSetItem = Storage.prototype.setItem;
    // Stands in for a browser that refuses storage (blocked cookies): setItem throws a SecurityError.
    Storage.prototype.setItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    try {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect
          mode="redirect"
          authorize-url="https://provider.example/authorize"
          client-id="c"
          redirect-uri="/test/fixtures/callback.html"
        ></oauth-connect>`,
      );
      const error = oneEvent(el, 'connect-error');
      el.connect().catch(() => {});
      const { detail } = await error;
      expect(detail.error).to.equal('invalid_config');
      expect(detail.errorDescription).to.contain('sessionStorage');
      expect(location.hostname).to.equal('localhost');
    } finally {
      Storage.prototype.setItem = realSetItem;
    }
  });
});
