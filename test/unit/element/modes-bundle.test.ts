import { expect, oneEvent, waitUntil } from '@open-wc/testing';
// The script-tag entry: the lean element plus a loader of the modes beside it.
import '../../../src/bundle.js';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { modes } from '../../../src/element/modes/mode.js';
import { popupHarness } from '../popup-harness.js';

/**
 * The bundle loads a missing mode when an element needs it. A click that beats the module opens
 * the popup at once (blank, inside the click's user activation) and sends it on when the module
 * has arrived; a mode whose file does not load is one warning naming the file.
 */
describe('the script-tag bundle loads the modes its elements need', () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  it('a click that beats the server-bound module opens the popup blank, then the flow runs', async () => {
    expect(modes['server-bound'], 'not loaded yet').to.equal(undefined);
    const el = Object.assign(document.createElement('oauth-connect'), { server: '/test-auth/allow', provider: 'mock' });
    document.body.append(el);
    try {
      const success = oneEvent(el, 'connect-success');
      el.connect().catch(() => {});
      expect(harness.calls.map((call) => call.url)).to.deep.equal(['about:blank']);
      expect(el.status).to.equal('pending');
      expect((await success).detail).to.include({ responseType: 'session', provider: 'mock' });
      expect(harness.calls, 'the same popup, sent on').to.have.length(1);
      expect(modes['server-bound']).to.not.equal(undefined);
      expect(modes.connected, 'server-bound brings the connected look').to.not.equal(undefined);
      await waitUntil(() => el.shadowRoot!.querySelector('[part=disconnect]'), 'the connected look');
    } finally {
      el.remove();
    }
  });

  it('server with mode="redirect": a click that beats the redirect module opens no popup, the page would leave', async () => {
    expect(modes.redirect, 'not loaded yet').to.equal(undefined);
    // No auth handler there: the flow ends at its start (server_error) instead of taking this page away.
    const el = Object.assign(document.createElement('oauth-connect') as OAuthConnectElement, {
      server: '/no-auth-handler',
      provider: 'mock',
      mode: 'redirect' as const,
    });
    document.body.append(el);
    try {
      const result = el.connect();
      expect(harness.calls, 'no window for a redirect').to.deep.equal([]);
      expect(((await result.catch((error: unknown) => error)) as { error?: string }).error).to.equal('server_error');
      expect(modes.redirect).to.not.equal(undefined);
      expect(harness.calls).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('mode="auto": a click that beats its module opens no popup, and the flow starts when it arrives', async () => {
    expect(modes.auto, 'not loaded yet').to.equal(undefined);
    const el = Object.assign(document.createElement('oauth-connect') as OAuthConnectElement, {
      mode: 'auto' as const,
      authorizeUrl: 'https://p.example/a',
      clientId: 'c',
      redirectUri: '/cb',
    });
    const told: string[] = [];
    for (const type of ['connect-environment', 'connect-start'] as const)
      el.addEventListener(type, () => told.push(type));
    document.body.append(el);
    try {
      const started = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      // It may yet decide on a redirect: no window opens before it knows.
      expect(harness.calls).to.deep.equal([]);
      expect(el.status).to.equal('pending');
      await started;
      expect(modes.auto).to.not.equal(undefined);
      // An ordinary browser: the popup mode's flow, once the module arrived (one window).
      await waitUntil(() => harness.calls.length, 'the popup, once the module arrived');
      expect(harness.calls).to.have.length(1);
      // Where the visitor is, told once, and before the flow that the click started.
      expect(told).to.deep.equal(['connect-environment', 'connect-start']);
    } finally {
      el.abort();
      el.remove();
    }
  });

  it('a mode file that does not load: one warning naming it, and a click is invalid_config', async () => {
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warned.push(message);
    const el = Object.assign(document.createElement('oauth-connect') as OAuthConnectElement, {
      mode: 'nowhere' as 'popup',
      authorizeUrl: 'https://p.example/a',
      clientId: 'c',
      redirectUri: '/cb',
    });
    document.body.append(el);
    try {
      await waitUntil(() => warned.length, 'the warning');
      // Beside the bundle: dist/modes/ beside dist/oauth-connect.js, here src/modes/ beside src/bundle.ts.
      expect(warned).to.deep.equal([`oauth-connect: ${new URL('/src/modes/nowhere.js', location.href)} did not load.`]);
      const failed = oneEvent(el, 'connect-error');
      el.connect().catch(() => {});
      expect((await failed).detail.error).to.equal('invalid_config');
      expect(warned, 'once').to.have.length(1);
    } finally {
      console.warn = warn;
      el.remove();
    }
  });
});
