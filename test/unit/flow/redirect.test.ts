import '../../../src/define.js';
import { expect, fixture, html, oneEvent, aTimeout } from '@open-wc/testing';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { ConnectError } from '../../../src/flow/errors.js';
import { resolveOptions } from '../../../src/flow/options.js';
import { CHANNEL_PREFIX, MESSAGE_TYPE, RETURN_MARK, STORAGE_PREFIX } from '../../../src/protocol/callback.js';
import {
  dropExpiredFlows,
  redirectTarget,
  saveRedirectFlow,
  takeRedirectResult,
  type RedirectFlow,
} from '../../../src/flow/redirect.js';
import { takeReturnFromUrl } from '../../../src/flow/return.js';
import { VERSION } from '../../../src/protocol/version.js';

const redirectUri = new URL('/test/fixtures/callback.html', location.href).href;

const target = 'https://provider.example/authorize client code';

/** Claims the returned result for the element whose options are `target`. */
const mine = (flow: RedirectFlow) => flow.target == target;

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

/** An element in redirect mode at the test provider with these extra properties, not yet connected. */
const redirectElement = (extra: Partial<OAuthConnectElement> = {}) =>
  Object.assign(document.createElement('oauth-connect'), {
    mode: 'redirect',
    authorizeUrl: 'https://provider.example/authorize',
    clientId: 'test-client',
    redirectUri,
    ...extra,
  });

describe('redirect flow return', () => {
  const pathBefore = location.pathname + location.search;
  afterEach(() => {
    history.replaceState(null, '', pathBefore);
    sessionStorage.clear();
    takeRedirectResult(() => true); // forgets a result no test took (its flow is gone now)
  });
  const save = (state: string, expires?: number) => {
    saveRedirectFlow({
      returnUrl: location.origin + location.pathname + location.search,
      hash: '',
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
    expect(takeRedirectResult(mine)).to.deep.equal({
      responseType: 'code',
      code: 'C',
      state: 'S1',
      redirectUri,
      codeVerifier: 'V',
    });
    expect(location.hash).to.equal('');
    expect(sessionStorage.getItem(STORAGE_PREFIX + 'S1')).to.equal(null);
    expect(takeRedirectResult(mine)).to.equal(undefined);
  });

  it('stores only the state, the verifier and where to return: never a code or token', () => {
    save('S2');
    const stored = sessionStorage.getItem(STORAGE_PREFIX + 'S2')!;
    returnWith({ code: 'SECRET-CODE', state: 'S2' });
    takeRedirectResult(mine);
    expect(stored).to.not.contain('SECRET-CODE');
    expect(JSON.stringify({ ...sessionStorage })).to.not.contain('SECRET-CODE');
  });

  it('leaves another element’s result alone, for that element', () => {
    save('S3');
    returnWith({ code: 'C', state: 'S3' });
    expect(takeRedirectResult(() => false)).to.equal(undefined);
    // Out of the address bar all the same, and still there for the element it belongs to.
    expect(location.hash).to.equal('');
    expect(takeRedirectResult(mine)).to.include({ code: 'C', state: 'S3' });
  });

  it('ignores a result whose state it never saved (a forged return)', () => {
    returnWith({ code: 'C', state: 'forged' });
    expect(takeRedirectResult(mine)).to.equal(undefined);
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
      expect(takeRedirectResult((flow) => (targetsComputed++, mine(flow)))).to.equal(undefined);
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
    expect(takeRedirectResult(mine)).to.equal(undefined);
    expect(sessionStorage.getItem(STORAGE_PREFIX + 'S6')).to.not.equal(null);
  });

  it('throws the provider error', () => {
    save('S4');
    returnWith({ error: 'access_denied', state: 'S4' });
    expect(() => takeRedirectResult(mine))
      .to.throw(ConnectError)
      .with.property('error', 'access_denied');
  });

  it('puts the page’s own fragment back (a hash router’s route), and still returns the result', () => {
    save('S10');
    // As the callback page writes it: the result, then the page's fragment (handle-callback.ts).
    history.replaceState(
      null,
      '',
      pathBefore + RETURN_MARK + encodeURIComponent('code=C&state=S10') + '#/settings?tab=a%20b#top',
    );
    takeReturnFromUrl();
    expect(location.hash).to.equal('#/settings?tab=a%20b#top');
    expect(location.pathname + location.search).to.equal(pathBefore);
    expect(takeRedirectResult(mine)).to.include({ code: 'C', state: 'S10' });
    expect(location.hash).to.equal('#/settings?tab=a%20b#top');
  });

  it('takes a result no element claims out of the address bar, also behind a route (#/settings#oauth-connect=…)', () => {
    history.replaceState(
      null,
      '',
      pathBefore + '#/settings' + RETURN_MARK + encodeURIComponent('code=C&state=never-saved') + '#top',
    );
    takeReturnFromUrl();
    expect(location.hash).to.equal('#/settings#top');
    expect(location.pathname + location.search).to.equal(pathBefore);
    expect(takeRedirectResult(mine)).to.equal(undefined);
  });

  it('the bundle takes a returned result out of the address bar as it loads, before any element connects', async () => {
    save('S11');
    returnWith({ code: 'C11', state: 'S11' });
    // element/register.ts is what every entry (element.ts, and through it define.ts; bundle.ts)
    // imports to put the element on the page; a fresh instance of it runs its load-time code again.
    await import(`../../../src/element/register.ts?load=${Date.now()}`);
    expect(location.hash).to.equal('');
    // Kept for its element, which a single-page app may mount much later.
    await aTimeout(100);
    expect(takeRedirectResult(mine)).to.include({ code: 'C11', state: 'S11' });
  });
});

describe('which element a redirect result is for', () => {
  const pathBefore = location.pathname + location.search;
  let elements: OAuthConnectElement[] = [];
  afterEach(() => {
    for (const el of elements) el.remove();
    elements = [];
    history.replaceState(null, '', pathBefore);
    sessionStorage.clear();
    takeRedirectResult(() => true);
  });

  /** Saves a pending redirect flow as `starter` would have started it, and returns to this page with its code. */
  const startedBy = (starter: OAuthConnectElement, state: string) => {
    saveRedirectFlow({
      returnUrl: location.origin + pathBefore,
      hash: '',
      target: redirectTarget(starter, resolveOptions(starter)),
      id: starter.id,
      expected: { responseType: 'code', state, redirectUri, codeVerifier: 'V' },
    });
    returnWith({ code: 'C-' + state, state });
  };

  /** Connects the elements (in this order, at these places), and returns what each reported. */
  const reports = async (connect: () => void) => {
    const seen = new Map<OAuthConnectElement, string[]>(elements.map((el) => [el, []]));
    for (const el of elements)
      for (const type of ['connect-success', 'connect-error'])
        el.addEventListener(type, (event) => seen.get(el)!.push(`${type} ${(event as CustomEvent).detail.code}`));
    connect();
    await aTimeout(100); // each element looks for its result in a task after it connects
    return elements.map((el) => seen.get(el));
  };

  it('the element reports the returned result as connect-success on load', async () => {
    const el = redirectElement({ mode: undefined, fallback: 'redirect' });
    elements = [el];
    startedBy(el, 'S5');
    const success = oneEvent(el, 'connect-success');
    document.body.append(el);
    expect((await success).detail).to.include({ code: 'C-S5', state: 'S5', codeVerifier: 'V' });
    expect(location.hash).to.equal('');
  });

  it('goes to the element whose options started the flow: same provider and client, other scopes', async () => {
    const profile = redirectElement({ scope: 'profile' });
    const email = redirectElement({ scope: 'profile email' });
    elements = [profile, email];
    startedBy(email, 'S20');
    expect(await reports(() => document.body.append(profile, email))).to.deep.equal([[], ['connect-success C-S20']]);
  });

  it('between identical elements, goes to the one with the id of the one that started it', async () => {
    const first = redirectElement({ id: 'first-button' });
    const second = redirectElement({ id: 'second-button' });
    elements = [first, second];
    startedBy(second, 'S21');
    expect(await reports(() => document.body.append(first, second))).to.deep.equal([[], ['connect-success C-S21']]);
  });

  it('between identical elements without ids, goes to the first in document order, never to both', async () => {
    const first = redirectElement();
    const second = redirectElement();
    elements = [first, second];
    startedBy(first, 'S22');
    // The second one connects first, the first one is put before it.
    const connect = () => {
      document.body.append(second);
      second.before(first);
    };
    expect(await reports(connect)).to.deep.equal([['connect-success C-S22'], []]);
  });

  it('goes to an element that connects long after the page loaded (a single-page app)', async () => {
    const el = redirectElement({ scope: 'late' });
    elements = [el];
    startedBy(el, 'S23');
    takeReturnFromUrl(); // as the bundle does when it loads
    expect(location.hash).to.equal('');
    await aTimeout(300);
    expect(await reports(() => document.body.append(el))).to.deep.equal([['connect-success C-S23']]);
  });
});

describe('storage denied (cookies blocked, a third-party frame)', () => {
  // A marked state (flow/redirect.ts): only then does the callback page look in sessionStorage.
  it('the callback page still posts to its opener and broadcasts, without throwing', async () => {
    const { handleCallback } = await import('../../../src/callback/handle-callback.js');
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
      // Where the callback page is, never its query: the element accepts a result only from its redirect URI.
      url: location.origin + '/cb.html',
      version: VERSION,
    };
    expect(posted).to.deep.equal([expected]);
    expect(await broadcast).to.deep.equal(expected);
    expect(closed).to.equal(true);
    channel.close();
  });

  it('a popup flow (a state without the mark) does not touch sessionStorage at all', async () => {
    const { handleCallback } = await import('../../../src/callback/handle-callback.js');
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

  it('a server-bound redirect flow (the server’s state, unmarked, no opener): handed back through the return mark', async () => {
    const { handleCallback } = await import('../../../src/callback/handle-callback.js');
    sessionStorage.setItem(
      STORAGE_PREFIX + 'SRV1',
      JSON.stringify({ returnUrl: location.origin + '/page', hash: '#/route', server: '/auth', state: 'SRV1' }),
    );
    let replaced = '';
    const win = {
      location: {
        href: `${location.origin}/cb.html?code=C&state=SRV1`,
        pathname: '/cb.html',
        origin: location.origin,
        replace: (url: string) => (replaced = url),
      },
      history: { replaceState: () => {} },
      opener: null,
      document: { body: {} },
      sessionStorage,
      close: () => {},
    } as unknown as Window;
    try {
      handleCallback(win);
    } finally {
      sessionStorage.removeItem(STORAGE_PREFIX + 'SRV1');
    }
    // The pairs go home in the fragment: the page posts them to the server, never this one.
    expect(replaced).to.equal(
      location.origin + '/page' + RETURN_MARK + encodeURIComponent('code=C&state=SRV1') + '#/route',
    );
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
      expect(takeRedirectResult(mine)).to.equal(undefined);
    } finally {
      Object.defineProperty(window, 'sessionStorage', descriptor);
    }
  });
});

describe('the callback page of a redirect flow', () => {
  it('sends the page back with the result first, then the page’s own fragment', async () => {
    const { handleCallback } = await import('../../../src/callback/handle-callback.js');
    const replaced: string[] = [];
    const pending = JSON.stringify({ returnUrl: 'https://partner.example/app?x=1', hash: '#/settings' });
    const win = {
      location: {
        href: 'https://partner.example/cb.html?code=C&state=.S12',
        pathname: '/cb.html',
        origin: 'https://partner.example',
        replace: (url: string) => replaced.push(url),
      },
      history: { replaceState: () => {} },
      opener: null,
      sessionStorage: { getItem: (key: string) => (key == STORAGE_PREFIX + '.S12' ? pending : null) },
    } as unknown as Window;
    handleCallback(win);
    expect(replaced).to.deep.equal([
      'https://partner.example/app?x=1' + RETURN_MARK + encodeURIComponent('code=C&state=.S12') + '#/settings',
    ]);
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
