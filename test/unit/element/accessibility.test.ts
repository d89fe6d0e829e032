import '../../../src/define.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { popupHarness } from '../popup-harness.js';
import { authorizeUrl, button, make, shadow } from './helpers.js';

// The helpers of the tests in this block (a name may mean something else in another block).
{
  describe('<oauth-connect>', () => {
    let harness: ReturnType<typeof popupHarness>;
    beforeEach(() => (harness = popupHarness()));
    afterEach(() => harness.restore());

    describe('accessibility', () => {
      it('is an accessible, focusable button', async () => {
        const el = await make();
        await expect(el).to.be.accessible();
        expect(button(el).type).to.equal('button');
        el.focus();
        expect(el.shadowRoot!.activeElement).to.equal(button(el));
      });

      it('names the button by its preset’s action: "Connect to UltraCart", "Sign in with Ulule"', async () => {
        const ultracart = await fixture<OAuthConnectElement>(
          html`<oauth-connect provider="ultracart" client-id="c" redirect-uri="/cb"></oauth-connect>`,
        );
        const ulule = await fixture<OAuthConnectElement>(
          html`<oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>`,
        );
        expect(button(ultracart).ariaLabel).to.equal('Connect to UltraCart, opens a new window');
        expect(button(ulule).ariaLabel).to.equal('Sign in with Ulule, opens a new window');
        await expect(ultracart).to.be.accessible();
      });

      it('uses the label, and lets the default slot override it', async () => {
        const el = await make();
        el.label = 'Sign in with Ulule';
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part=label]')!.textContent!.trim()).to.equal('Sign in with Ulule');
        const slotted = await fixture<OAuthConnectElement>(
          html`<oauth-connect label="x">Connect UltraCart</oauth-connect>`,
        );
        expect(slotted.innerText.trim()).to.equal('Connect UltraCart');
        await expect(slotted).to.be.accessible();
      });
    });
  });
}

// The helpers of the tests in this block (a name may mean something else in another block).
{
  describe('<oauth-connect> themes are accessible in every state', () => {
    let harness: ReturnType<typeof popupHarness>;
    beforeEach(() => (harness = popupHarness()));
    afterEach(() => harness.restore());

    for (const theme of ['light', 'dark'])
      for (const variant of ['filled', 'outline'])
        for (const provider of ['', 'ulule', 'ultracart'])
          it(`${theme} ${variant} ${provider || 'generic'}: idle, pending, error`, async () => {
            const wrapper = await fixture(
              html`<div style="padding:8px;background:${theme == 'dark' ? '#111827' : '#fff'}">
                <oauth-connect
                  theme=${theme}
                  variant=${variant}
                  provider=${provider || undefined}
                  authorize-url=${authorizeUrl}
                  client-id="c"
                  redirect-uri="/test/fixtures/callback.html"
                ></oauth-connect>
              </div>`,
            );
            const el = wrapper.querySelector('oauth-connect')!;
            await expect(el).to.be.accessible();
            el.connect().catch(() => {});
            await el.updateComplete;
            await expect(el).to.be.accessible();
            el.params = { 'test-respond': 'code-and-error' };
            el.abort();
            el.connect().catch(() => {});
            await oneEvent(el, 'connect-error');
            await el.updateComplete;
            await expect(el).to.be.accessible();
          });
  });
}

// The helpers of the tests in this block (a name may mean something else in another block).
{
  describe('<oauth-connect> words', () => {
    const name = (el: OAuthConnectElement) => shadow(el, '[part=button]').getAttribute('aria-label');

    it('has the explicit accessible name "Sign in with Ulule, opens a new window"', async () => {
      const el = await fixture<OAuthConnectElement>(html`<oauth-connect provider="ulule"></oauth-connect>`);
      expect(name(el)).to.equal('Sign in with Ulule, opens a new window');
      await expect(el).to.be.accessible();
    });

    it('names the button after slotted text, and follows it when it changes', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="ulule"> Continue <b>with</b> Ulule </oauth-connect>`,
      );
      expect(name(el)).to.equal('Continue with Ulule, opens a new window');
      el.replaceChildren('Use your Ulule account');
      await waitUntil(() => name(el) == 'Use your Ulule account, opens a new window', name(el) ?? 'no name');
    });

    it('leaves out the new-window hint in redirect mode', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="ulule" mode="redirect"></oauth-connect>`,
      );
      expect(name(el)).to.equal('Sign in with Ulule');
    });

    it('leaves it out when the server-bound flow takes the page itself (server with mode="redirect")', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="ulule" server="/no-auth-handler" mode="redirect"></oauth-connect>`,
      );
      expect(name(el)).to.equal('Sign in with Ulule');
    });
  });
}
