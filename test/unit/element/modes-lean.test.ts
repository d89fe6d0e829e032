import { expect, fixture, html, oneEvent } from '@open-wc/testing';
// The lean path alone: the element, the popup mode and English; no other mode is imported.
import '../../../src/element.js';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { popupHarness } from '../popup-harness.js';

/**
 * `import 'oauth-connect/element'` without the modes a page's elements need: each says which
 * import is missing, once, as soon as its attribute is set, and a click is `invalid_config`
 * (no popup opens). The popup mode itself needs nothing more.
 */
describe('the lean element without the modes it needs', () => {
  let logged: string[];
  const error = console.error;
  beforeEach(() => {
    logged = [];
    console.error = (message: string) => logged.push(message);
  });
  afterEach(() => (console.error = error));

  for (const [mode, markup] of [
    ['server-bound', html`<oauth-connect server="/test-auth/allow" provider="mock"></oauth-connect>`],
    [
      'redirect',
      html`<oauth-connect
        mode="redirect"
        authorize-url="https://p.example/a"
        client-id="c"
        redirect-uri="/cb"
      ></oauth-connect>`,
    ],
    [
      'redirect',
      html`<oauth-connect
        fallback="redirect"
        authorize-url="https://p.example/a"
        client-id="c"
        redirect-uri="/cb"
      ></oauth-connect>`,
    ],
    ['issuer', html`<oauth-connect issuer="https://issuer.example" client-id="c" redirect-uri="/cb"></oauth-connect>`],
    [
      'connected',
      html`<oauth-connect provider="ulule" account-name="Ada" client-id="c" redirect-uri="/cb"></oauth-connect>`,
    ],
  ] as const)
    it(`${mode}: one console.error naming import 'oauth-connect/modes/${mode}', and invalid_config on a click`, async () => {
      const el = await fixture<OAuthConnectElement>(markup);
      const line = `oauth-connect: this needs import 'oauth-connect/modes/${mode}'.`;
      expect(logged).to.deep.equal([line]);
      el.requestUpdate();
      await el.updateComplete;
      expect(logged, 'once per element').to.deep.equal([line]);
      if (mode == 'connected') return; // no sign-in button to click: the account is shown
      const harness = popupHarness();
      try {
        const failed = oneEvent(el, 'connect-error');
        el.connect().catch(() => {});
        const { detail } = await failed;
        expect(detail).to.deep.equal({ error: 'invalid_config', errorDescription: line });
        expect(harness.calls, 'no popup').to.deep.equal([]);
        expect(el.status).to.equal('error');
      } finally {
        harness.restore();
      }
    });

  it('needs nothing more for the popup mode', async () => {
    await fixture(html`<oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>`);
    expect(logged).to.deep.equal([]);
  });
});
