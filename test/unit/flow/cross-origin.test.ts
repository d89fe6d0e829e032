/**
 * The whole round trip as a user lives it, in every engine: a real click, a
 * popup on the provider's origin, the redirect back to the callback page on
 * this page's origin, and the event. The provider is the test authorize page
 * served from the other loopback name (localhost ↔ 127.0.0.1), so the popup
 * really crosses origins: the page cannot read it, and the callback's message
 * is checked by `event.origin` and `event.source` for real.
 *
 * Every flow starts with a real mouse click (`sendMouse`), never `connect()`,
 * so this file also runs in the `popup-blocker` group (web-test-runner.config.js),
 * where each browser keeps its own popup blocker.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { pkceChallenge } from '../../../src/flow/secrets.js';
import { popupHarness } from '../popup-harness.js';

/** Set by the popup-blocker group's runner page. */
const popupBlockerOn = (window as { popupBlockerOn?: boolean }).popupBlockerOn === true;

// The test server answers on every loopback address; the other name is another origin.
const providerHost = location.hostname == '127.0.0.1' ? 'localhost' : '127.0.0.1';
const providerOrigin = `${location.protocol}//${providerHost}:${location.port}`;
const authorizeUrl = `${providerOrigin}/test/fixtures/authorize.html`;
const redirectUri = new URL('/test/fixtures/callback.html', location.href).href;

const make = (
  respond: string | undefined,
  responseType: 'code' | 'token' = 'code',
  redirectPath = '/test/fixtures/callback.html',
) =>
  fixture<OAuthConnectElement>(
    html`<oauth-connect
      authorize-url=${authorizeUrl}
      client-id="cross-origin-client"
      redirect-uri=${redirectPath}
      response-type=${responseType}
      scope="profile"
      .params=${respond ? { 'test-respond': respond } : {}}
    ></oauth-connect>`,
  );

/** A real click in the middle of the element's button: trusted, with user activation. */
const click = async (el: OAuthConnectElement) => {
  const box = el.shadowRoot!.querySelector('button')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
};

/** Whether this page can read the window's location (it cannot across origins). */
const readable = (popup: Window) => {
  try {
    return typeof popup.location.href == 'string';
  } catch {
    return false;
  }
};

describe(`cross-origin popup round trip${popupBlockerOn ? ' (popup blocker on)' : ''}`, () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(async () => {
    harness.restore();
    await resetMouse();
  });

  it('runs on two origins', () => {
    expect(new URL(authorizeUrl).origin).to.not.equal(location.origin);
    expect(new URL(redirectUri).origin).to.equal(location.origin);
  });

  it('click → provider on another origin → callback → connect-success with the code', async () => {
    const el = await make('code');
    const start = oneEvent(el, 'connect-start');
    const success = oneEvent(el, 'connect-success');
    await click(el);
    const { state, url } = (await start).detail;
    expect(new URL(url).origin).to.equal(providerOrigin);
    const { detail } = await success;
    expect(detail).to.deep.equal({
      responseType: 'code',
      code: 'test-code',
      state,
      redirectUri,
      codeVerifier: detail.codeVerifier,
    });
    expect(new URL(url).searchParams.get('code_challenge')).to.equal(await pkceChallenge(detail.codeVerifier!));
    expect(harness.calls).to.have.length(1);
    await waitUntil(() => harness.popup.closed, 'the callback page closes the popup');
    expect(el.status).to.equal('success');
  });

  it('brings a token back in the fragment', async () => {
    const el = await make('token', 'token');
    const start = oneEvent(el, 'connect-start');
    const success = oneEvent(el, 'connect-success');
    await click(el);
    const { state } = (await start).detail;
    expect((await success).detail).to.deep.include({
      responseType: 'token',
      accessToken: 'test-token',
      tokenType: 'bearer',
      expiresIn: 3600,
      scope: 'profile',
      state,
    });
  });

  it('reports the provider saying no as connect-error access_denied', async () => {
    const el = await make('denied');
    const error = oneEvent(el, 'connect-error');
    await click(el);
    expect((await error).detail).to.deep.equal({
      error: 'access_denied',
      errorDescription: 'The user said no',
      errorUri: 'https://provider.example/errors#denied',
    });
    // The user chose Deny: nothing failed, so the button is back to idle.
    expect(el.status).to.equal('idle');
  });

  it('ignores a callback with the wrong state, and cancels when that popup closes', async () => {
    const el = await make('wrong-state');
    const events: string[] = [];
    for (const type of ['connect-success', 'connect-error', 'connect-cancel'])
      el.addEventListener(type, () => events.push(type));
    const cancel = oneEvent(el, 'connect-cancel');
    await click(el);
    expect((await cancel).detail).to.deep.equal({ reason: 'closed' });
    expect(events).to.deep.equal(['connect-cancel']);
  });

  it('refuses a result that reached another callback page of this origin (a mix-up), and says which', async () => {
    // This element's callback page is callback-b.html; the provider sends the answer, with this
    // flow's state, to callback.html: another provider's redirect URI on the same origin.
    const el = await make('mix-up', 'code', '/test/fixtures/callback-b.html');
    const events: string[] = [];
    for (const type of ['connect-success', 'connect-error', 'connect-cancel'])
      el.addEventListener(type, () => events.push(type));
    const said: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => said.push(args.join(' '));
    try {
      const cancel = oneEvent(el, 'connect-cancel');
      await click(el);
      // callback.html posted the code, then closed its window: the flow saw the popup close.
      expect((await cancel).detail).to.deep.equal({ reason: 'closed' });
    } finally {
      console.warn = warn;
    }
    expect(events).to.deep.equal(['connect-cancel']);
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('/test/fixtures/callback.html').and.contain('/test/fixtures/callback-b.html');
  });

  it('cannot read the provider page, and still sees the user close it', async () => {
    const el = await make(undefined); // the provider waits, as while the user signs in
    await click(el);
    await waitUntil(() => harness.calls.length == 1 && !readable(harness.popup), 'the popup reaches the provider');
    expect(el.status).to.equal('pending');
    const cancel = oneEvent(el, 'connect-cancel');
    harness.popup.close();
    expect((await cancel).detail).to.deep.equal({ reason: 'closed' });
  });

  if (popupBlockerOn)
    it('is in a browser that really blocks popups without a click', async () => {
      // Guards the group itself: if the blocker were off, the clicks above would prove nothing.
      const el = await make('code');
      const error = oneEvent(el, 'connect-error');
      el.connect().catch(() => {});
      expect((await error).detail.error).to.equal('popup_blocked');
    });
});
