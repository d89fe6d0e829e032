import '../../../src/define.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { registerProvider } from '../../../src/flow/providers.js';
import { popupHarness } from '../popup-harness.js';
import { authorizeUrl, button, make, shadow, text } from './helpers.js';

// The helpers of the tests in this block (a name may mean something else in another block).
{
  const pick = (el: OAuthConnectElement) => {
    const {
      authorizeUrl,
      clientId,
      redirectUri,
      responseType,
      noPkce,
      timeout,
      popupWidth,
      popupHeight,
      disabled,
      label,
    } = el;
    return {
      authorizeUrl,
      clientId,
      redirectUri,
      responseType,
      noPkce,
      timeout,
      popupWidth,
      popupHeight,
      disabled,
      label,
    };
  };

  describe('<oauth-connect>', () => {
    let harness: ReturnType<typeof popupHarness>;
    beforeEach(() => (harness = popupHarness()));
    afterEach(() => harness.restore());

    describe('properties', () => {
      it('maps kebab-case attributes to properties', async () => {
        const el = await fixture<OAuthConnectElement>(
          html`<oauth-connect
            authorize-url="https://p.example/a"
            client-id="id"
            redirect-uri="/cb"
            response-type="token"
            no-pkce
            timeout="12"
            popup-width="600"
            popup-height="700"
            disabled
            label="Go"
          ></oauth-connect>`,
        );
        expect({ ...pick(el) }).to.deep.equal({
          authorizeUrl: 'https://p.example/a',
          clientId: 'id',
          redirectUri: '/cb',
          responseType: 'token',
          noPkce: true,
          timeout: 12,
          popupWidth: 600,
          popupHeight: 700,
          disabled: true,
          label: 'Go',
        });
        expect(button(el).disabled).to.equal(true);
      });

      it('has the documented defaults', async () => {
        const el = await make();
        expect([el.responseType, el.noPkce, el.timeout, el.popupWidth, el.popupHeight, el.status]).to.deep.equal([
          'code',
          false,
          300,
          500,
          650,
          'idle',
        ]);
      });
    });
  });
}

// The helpers of the tests in this block (a name may mean something else in another block).
{
  /** The accessible name: the button's explicit aria-label. */
  const accessibleName = (el: OAuthConnectElement) => shadow(el, '[part=button]').getAttribute('aria-label');

  /** The monogram, which CSS draws from the icon slot's data-m (Firefox serializes the computed content unresolved). */
  const monogram = (el: OAuthConnectElement) => {
    const slot = shadow(el, 'slot[name=icon]');
    expect(getComputedStyle(slot, '::before').content).to.be.oneOf([`"${slot.dataset.m}"`, 'attr(data-m)']);
    return slot.dataset.m;
  };

  describe('<oauth-connect> presets', () => {
    let harness: ReturnType<typeof popupHarness>;
    beforeEach(() => (harness = popupHarness()));
    afterEach(() => harness.restore());

    it('ulule: uses the Ulule Connect endpoint and names Ulule on the button', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect
          provider="ulule"
          client-id="c"
          redirect-uri="/test/fixtures/callback.html"
        ></oauth-connect>`,
      );
      expect(text(el, 'label')).to.equal('Sign in with Ulule');
      expect(accessibleName(el)).to.equal('Sign in with Ulule, opens a new window');
      expect(monogram(el)).to.equal('U');
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      const url = new URL((await start).detail.url);
      expect(url.origin + url.pathname).to.equal('https://connect.ulule.com/oauth2/authorize/');
      el.abort();
    });

    it('ulule supports the token flow', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="ulule" response-type="token" client-id="c" redirect-uri="/cb"></oauth-connect>`,
      );
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      expect(new URL((await start).detail.url).searchParams.get('response_type')).to.equal('token');
      el.abort();
    });

    it('ultracart: code only; token is invalid_config before any popup', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect
          provider="ultracart"
          response-type="token"
          client-id="c"
          redirect-uri="/cb"
        ></oauth-connect>`,
      );
      const error = oneEvent(el, 'connect-error');
      el.connect().catch(() => {});
      const { detail } = await error;
      expect(detail.error).to.equal('invalid_config');
      expect(detail.errorDescription).to.contain('code').and.to.contain('UltraCart');
      expect(harness.calls).to.have.length(0);
    });

    it('ultracart: sends state and the code flow to the UltraCart endpoint', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="ultracart" client-id="c" redirect-uri="/cb"></oauth-connect>`,
      );
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      const { url, state } = (await start).detail;
      const parsed = new URL(url);
      expect(parsed.origin + parsed.pathname).to.equal('https://secure.ultracart.com/admin/v2/oauth/authorize');
      expect(parsed.searchParams.get('state')).to.equal(state);
      expect(parsed.searchParams.get('response_type')).to.equal('code');
      el.abort();
    });

    it('explicit attributes win over the preset', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect
          provider="ulule"
          authorize-url=${authorizeUrl}
          label="Continue"
          client-id="c"
          redirect-uri="/cb"
        ></oauth-connect>`,
      );
      expect(text(el, 'label')).to.equal('Continue');
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      expect((await start).detail.url.startsWith(authorizeUrl)).to.equal(true);
      el.abort();
    });

    it('takes presets that partners register, and reports unknown ones', async () => {
      registerProvider('acme', { name: 'Acme', authorizeUrl, responseTypes: ['code'], accent: '#7a1f5c' });
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="acme" client-id="c" redirect-uri="/cb"></oauth-connect>`,
      );
      expect(text(el, 'label')).to.equal('Sign in with Acme');
      const start = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      expect((await start).detail.url.startsWith(authorizeUrl)).to.equal(true);
      el.abort();

      const unknown = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="nope" client-id="c" redirect-uri="/cb"></oauth-connect>`,
      );
      const error = oneEvent(unknown, 'connect-error');
      unknown.connect().catch(() => {});
      expect((await error).detail.errorDescription).to.contain('nope');
    });

    it('shows a slotted logo instead of the monogram', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="ulule"
          ><img slot="icon" alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="
        /></oauth-connect>`,
      );
      const slot = shadow(el, 'slot[name=icon]') as HTMLSlotElement;
      expect(slot.assignedElements()).to.have.length(1);
      expect(monogram(el)).to.equal('');
    });
  });
}

// The helpers of the tests in this block (a name may mean something else in another block).
{
  /**
   * What the button tells the developer (the console) and the user (status text,
   * focus, accessible name, language), in each engine.
   */
  /** Records console.error calls while a test runs (the real console still gets them). */
  const consoleErrors = () => {
    const logged: string[] = [];
    const real = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      real.apply(console, args);
    };
    return { logged, restore: () => (console.error = real) };
  };

  describe('<oauth-connect> setup mistakes', () => {
    let harness: ReturnType<typeof popupHarness>;
    let errors: ReturnType<typeof consoleErrors>;
    beforeEach(() => {
      harness = popupHarness();
      errors = consoleErrors();
    });
    afterEach(() => {
      errors.restore();
      harness.restore();
    });

    it('logs an invalid_config once connected, before any click, naming the bad value', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect response-type="Token" provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>`,
      );
      await el.updateComplete;
      expect(errors.logged).to.deep.equal([
        'oauth-connect: response-type "Token" is not supported by Ulule; use code or token.',
      ]);
    });

    it('logs each distinct problem once per element; a click logs nothing new and still fires connect-error', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect authorize-url=${authorizeUrl}></oauth-connect>`,
      );
      expect(errors.logged).to.have.length(1);
      expect(errors.logged[0]).to.contain('client-id');
      el.label = 'Other text'; // an update that does not fix the problem
      await el.updateComplete;
      const error = oneEvent(el, 'connect-error');
      shadow(el, '[part=button]').click();
      const { detail } = await error;
      expect(detail.error).to.equal('invalid_config');
      expect(errors.logged).to.have.length(1);
      expect(harness.calls).to.have.length(0);
      // Another problem is logged too, once.
      el.clientId = 'c';
      el.redirectUri = 'https://elsewhere.example/cb';
      await el.updateComplete;
      el.connect().catch(() => {});
      await el.updateComplete;
      expect(errors.logged).to.have.length(2);
      expect(errors.logged[1]).to.contain('"https://elsewhere.example/cb"');
      // A second element logs its own.
      await fixture(html`<oauth-connect authorize-url=${authorizeUrl}></oauth-connect>`);
      expect(errors.logged).to.have.length(3);
    });

    it('checks the options when one changes, not on the renders that change only the look', async () => {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>`,
      );
      // Checking parses URLs (the redirect URI, the page's origin): count them.
      const Real = URL;
      let parsed = 0;
      globalThis.URL = new Proxy(Real, { construct: (target, args) => (parsed++, new target(...(args as [string]))) });
      try {
        el.label = 'Other text';
        el.disabled = true;
        el.requestUpdate(); // as a language or a mode arriving does
        await el.updateComplete;
        expect(parsed, 'renders without an option change').to.equal(0);
        el.redirectUri = 'https://elsewhere.example/cb';
        await el.updateComplete;
      } finally {
        globalThis.URL = Real;
      }
      expect(parsed, 'a changed option').to.be.above(0);
      expect(errors.logged).to.have.length(1);
      expect(errors.logged[0]).to.contain('"https://elsewhere.example/cb"');
    });

    it('logs nothing for a correct element', async () => {
      await fixture(html`<oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>`);
      expect(errors.logged).to.deep.equal([]);
    });

    const unavailable: Record<string, string> = {
      en: 'Sign-in is not available on this page.',
      fr: "La connexion n'est pas disponible sur cette page.",
      es: 'El inicio de sesión no está disponible en esta página.',
      de: 'Die Anmeldung ist auf dieser Seite nicht verfügbar.',
    };
    for (const [lang, expected] of Object.entries(unavailable))
      it(`tells the user (${lang}) that sign-in is not available, not to try again`, async () => {
        const wrapper = await fixture(html`<div lang=${lang}><oauth-connect provider="ulule"></oauth-connect></div>`);
        const el = wrapper.querySelector('oauth-connect')!;
        el.connect().catch(() => {});
        await oneEvent(el, 'connect-error');
        await el.updateComplete;
        expect([el.status, text(el, 'status')]).to.deep.equal(['error', expected]);
      });
  });
}
