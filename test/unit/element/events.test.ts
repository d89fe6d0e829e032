import '../../../src/define.js';
import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { ConnectError } from '../../../src/flow/errors.js';
import { registerProvider } from '../../../src/flow/providers.js';
import { pkceChallenge } from '../../../src/flow/secrets.js';
import { popupHarness } from '../popup-harness.js';
import { authorizeUrl, button, firstPkcePairReady, make, recordEvents } from './helpers.js';

const redirectUri = new URL('/test/fixtures/callback.html', location.href).href;

describe('<oauth-connect>', () => {
  before(firstPkcePairReady);
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  describe('code flow', () => {
    it('opens a centered popup at the authorize URL with PKCE, and emits start then success', async () => {
      const el = await make('code');
      const events = recordEvents(el);
      const success = oneEvent(el, 'connect-success');
      button(el).click();
      const { detail } = await success;

      expect(events.map((e) => e.type)).to.deep.equal(['connect-start', 'connect-success']);
      const start = events[0]!.detail as { state: string; url: string };
      const url = new URL(start.url);
      expect(url.searchParams.get('client_id')).to.equal('test-client');
      expect(url.searchParams.get('redirect_uri')).to.equal(redirectUri);
      expect(url.searchParams.get('response_type')).to.equal('code');
      expect(url.searchParams.get('scope')).to.equal('profile email');
      expect(url.searchParams.get('state')).to.equal(start.state);
      expect(start.state).to.match(/^[\w-]{43}$/);
      expect(url.searchParams.get('code_challenge_method')).to.equal('S256');
      expect(url.searchParams.get('code_challenge')).to.equal(await pkceChallenge(detail.codeVerifier));
      expect(detail).to.deep.equal({
        responseType: 'code',
        code: 'test-code',
        state: start.state,
        redirectUri,
        codeVerifier: detail.codeVerifier,
      });
      expect(harness.calls).to.have.length(1);
      expect(harness.calls[0]!.url).to.equal(start.url);
      expect(harness.calls[0]!.features).to.match(/^popup,width=500,height=650,left=-?\d+,top=-?\d+$/);
      await waitUntil(() => harness.popup.closed, 'the popup closes');
      expect(el.status).to.equal('success');
    });

    it("sends the element's language as ui_locales, unless params name one", async () => {
      const el = await make();
      el.setAttribute('lang', 'de-AT');
      const url = async () => {
        const start = oneEvent(el, 'connect-start');
        el.connect().catch(() => {});
        const { detail } = await start;
        el.abort();
        return new URL(detail.url).searchParams.getAll('ui_locales');
      };
      expect(await url()).to.deep.equal(['de-AT']);
      el.params = { ui_locales: 'it' };
      expect(await url()).to.deep.equal(['it']);
    });

    it('resolves connect() with the same result the event carries', async () => {
      const el = await make('code');
      const [result, event] = await Promise.all([el.connect(), oneEvent(el, 'connect-success')]);
      expect(result).to.equal(event.detail);
    });

    it('gives the popup no window name: pages shown in it learn nothing about the flow', async () => {
      const el = await make();
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      const { state } = (await start).detail;
      expect(harness.calls[0]!.name).to.equal('');
      // The popup is on the same-origin test provider page, so its name can be read here.
      expect(harness.popup.name).to.not.contain(state.slice(0, 8));
      expect(harness.popup.name).to.equal('');
      el.abort();
    });

    it('sends a nonce with the openid scope, and returns it with the code', async () => {
      const el = await make('code', { scope: 'openid profile' });
      const start = oneEvent(el, 'connect-start');
      const success = oneEvent(el, 'connect-success');
      button(el).click();
      const nonce = new URL((await start).detail.url).searchParams.get('nonce');
      expect(nonce).to.match(/^[\w-]{43}$/);
      expect((await success).detail).to.include({ nonce });
      // Without openid, none.
      const plain = await make('code');
      const plainStart = oneEvent(plain, 'connect-start');
      button(plain).click();
      expect(new URL((await plainStart).detail.url).searchParams.has('nonce')).to.equal(false);
      await oneEvent(plain, 'connect-success');
    });

    it('with an issuer: refuses an answer from another issuer, says where it came from otherwise', async () => {
      const el = await make('code', { issuer: 'https://issuer.example' });
      el.params = { 'test-respond': 'code', 'test-iss': 'https://other.example' };
      const error = oneEvent(el, 'connect-error');
      button(el).click();
      const { detail } = await error;
      expect(detail.error).to.equal('invalid_response');
      expect(detail.errorDescription).to.contain('another issuer');
      el.params = { 'test-respond': 'code', 'test-iss': 'https://issuer.example' };
      const success = oneEvent(el, 'connect-success');
      button(el).click();
      expect((await success).detail).to.include({ issuer: 'https://issuer.example', code: 'test-code' });
      // require-iss: an answer without iss is refused.
      el.requireIss = true;
      el.params = { 'test-respond': 'code' };
      const missing = oneEvent(el, 'connect-error');
      button(el).click();
      expect((await missing).detail.errorDescription).to.contain('no iss');
    });

    it('says which preset the result came from', async () => {
      registerProvider('test-preset', { name: 'Test', authorizeUrl, responseTypes: ['code'] });
      const el = await make('code', { provider: 'test-preset' });
      const success = oneEvent(el, 'connect-success');
      button(el).click();
      expect((await success).detail).to.include({ provider: 'test-preset' });
    });

    it('sends no PKCE and returns no verifier with no-pkce', async () => {
      const el = await make('code', { noPkce: true });
      const start = oneEvent(el, 'connect-start');
      const success = oneEvent(el, 'connect-success');
      button(el).click();
      expect(new URL((await start).detail.url).searchParams.has('code_challenge')).to.equal(false);
      expect((await success).detail).to.not.have.property('codeVerifier');
    });

    it('runs two elements at once, each receiving only its own result', async () => {
      const [a, b] = await Promise.all([make('code'), make('code')]);
      const results = Promise.all([oneEvent(a, 'connect-success'), oneEvent(b, 'connect-success')]);
      // Back to back: the second flow finds no PKCE pair ready and takes the slower path.
      button(a).click();
      button(b).click();
      const [ra, rb] = (await results).map((e) => e.detail);
      expect(ra!.state).to.not.equal(rb!.state);
      expect(ra!.codeVerifier).to.not.equal(rb!.codeVerifier);
      const states = harness.calls.map((c) => c.url);
      expect(states).to.have.length(2);
    });
  });

  describe('token flow', () => {
    it('emits the token from the fragment with its expiry', async () => {
      const el = await make('token', { responseType: 'token' });
      const start = oneEvent(el, 'connect-start');
      const success = oneEvent(el, 'connect-success');
      const before = Date.now();
      button(el).click();
      const { state, url } = (await start).detail;
      expect(new URL(url).searchParams.has('code_challenge')).to.equal(false);
      const { detail } = await success;
      expect(detail).to.deep.include({
        responseType: 'token',
        accessToken: 'test-token',
        tokenType: 'bearer',
        expiresIn: 3600,
        scope: 'profile email',
        state,
      });
      expect(detail.expiresAt).to.be.within(before + 3600_000, Date.now() + 3600_000);
    });
  });

  describe('errors', () => {
    it('reports the provider error with its description and URI', async () => {
      const el = await make('denied');
      const error = oneEvent(el, 'connect-error');
      const result = el.connect();
      expect((await error).detail).to.deep.equal({
        error: 'access_denied',
        errorDescription: 'The user said no',
        errorUri: 'https://provider.example/errors#denied',
      });
      const rejection = await result.catch((e: unknown) => e);
      expect(rejection).to.be.instanceOf(ConnectError);
      expect((rejection as ConnectError).error).to.equal('access_denied');
      // The user chose Deny: nothing failed, so the button is back to idle.
      expect(el.status).to.equal('idle');
    });

    it('passes errorUri only when it is https (or http on loopback): never javascript:', async () => {
      for (const [uri, passed] of [
        ['javascript:alert(document.domain)', false],
        ['http://provider.example/errors', false],
        ['data:text/html,<script>alert(1)</script>', false],
        ['http://localhost:8080/errors', true],
        ['https://provider.example/errors', true],
      ] as const) {
        const el = await make();
        const start = oneEvent(el, 'connect-start');
        const error = oneEvent(el, 'connect-error');
        el.connect().catch(() => {});
        const { state } = (await start).detail;
        harness.postFromPopup(harness.popup, [
          ['error', 'access_denied'],
          ['error_uri', uri],
          ['state', state],
        ]);
        expect((await error).detail, uri).to.deep.equal({ error: 'access_denied', ...(passed && { errorUri: uri }) });
      }
    });

    it('reports a callback with both code and error as invalid_response', async () => {
      const el = await make('code-and-error');
      button(el).click();
      expect((await oneEvent(el, 'connect-error')).detail.error).to.equal('invalid_response');
    });

    it('reports popup_blocked when window.open returns null', async () => {
      harness.blockPopups();
      const el = await make('code');
      button(el).click();
      expect((await oneEvent(el, 'connect-error')).detail.error).to.equal('popup_blocked');
    });

    it('reports invalid_config before opening any popup', async () => {
      const el = await make('code', { clientId: '' });
      const events = recordEvents(el);
      button(el).click();
      const { detail } = await oneEvent(el, 'connect-error');
      expect(detail.error).to.equal('invalid_config');
      expect(detail.errorDescription).to.contain('client-id');
      expect(harness.calls).to.have.length(0);
      expect(events.map((e) => e.type)).to.deep.equal(['connect-error']);
    });
  });

  describe('messages', () => {
    it('ignores a wrong state from the popup and a right state from another window, then accepts its own', async () => {
      const el = await make();
      const events = recordEvents(el);
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      const { state } = (await start).detail;
      const popup = harness.popup;
      harness.postFromPopup(popup, [
        ['code', 'forged'],
        ['state', 'wrong'],
      ]);
      window.postMessage(
        {
          type: 'oauth-connect:callback',
          params: [
            ['code', 'forged'],
            ['state', state],
          ],
        },
        '*',
      );
      await aTimeout(100);
      expect(events.map((e) => e.type)).to.deep.equal(['connect-start']);
      expect(el.status).to.equal('pending');

      const success = oneEvent(el, 'connect-success');
      harness.postFromPopup(popup, [
        ['code', 'real'],
        ['state', state],
      ]);
      expect((await success).detail.code).to.equal('real');
    });

    it('uses a result once: a replayed message does nothing', async () => {
      const el = await make();
      const events = recordEvents(el);
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      const { state } = (await start).detail;
      const popup = harness.popup;
      const success = oneEvent(el, 'connect-success');
      harness.postFromPopup(popup, [
        ['code', 'C'],
        ['state', state],
      ]);
      await success;
      // The popup was closed by the flow; a replay from this page must not count either.
      window.postMessage(
        {
          type: 'oauth-connect:callback',
          params: [
            ['code', 'C'],
            ['state', state],
          ],
        },
        '*',
      );
      await aTimeout(100);
      expect(events.map((e) => e.type)).to.deep.equal(['connect-start', 'connect-success']);
    });
  });
});
