import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';
import { popupHarness } from './popup-harness.js';

/**
 * What the button tells the developer (the console) and the user (status text,
 * focus, accessible name, language), in each engine.
 */
const authorizeUrl = new URL('/test/fixtures/authorize.html', location.href).href;
const shadow = (el: OAuthConnectElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const text = (el: OAuthConnectElement, part: string) => shadow(el, `[part=${part}]`).textContent!.trim();

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
    const el = await fixture<OAuthConnectElement>(html`<oauth-connect authorize-url=${authorizeUrl}></oauth-connect>`);
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

describe('<oauth-connect> status text, focus and reset', () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  const make = (respond?: string) =>
    fixture<OAuthConnectElement>(
      html`<oauth-connect
        provider="ulule"
        authorize-url=${authorizeUrl}
        client-id="c"
        redirect-uri="/test/fixtures/callback.html"
        .params=${respond ? { 'test-respond': respond } : {}}
      ></oauth-connect>`,
    );

  it('the Cancel button gives focus back to the sign-in button', async () => {
    const el = await make();
    const button = shadow(el, '[part=button]');
    button.click();
    await el.updateComplete;
    const cancel = shadow(el, '[part=cancel]');
    cancel.focus();
    expect(el.shadowRoot!.activeElement).to.equal(cancel);
    cancel.click();
    await el.updateComplete;
    await aTimeout(0);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(document.activeElement).to.equal(el);
  });

  const cancelled: Record<string, string> = {
    en: 'Sign-in cancelled.',
    fr: 'Connexion annulée.',
    es: 'Inicio de sesión cancelado.',
    de: 'Anmeldung abgebrochen.',
  };
  for (const [lang, expected] of Object.entries(cancelled))
    it(`access_denied (${lang}): a neutral "${expected}", status idle, the event still connect-error`, async () => {
      const el = await make('denied');
      el.lang = lang;
      await el.updateComplete;
      const error = oneEvent(el, 'connect-error');
      el.connect().catch(() => {});
      expect((await error).detail.error).to.equal('access_denied');
      await el.updateComplete;
      expect([el.status, el.matches(':state(idle)'), text(el, 'status')]).to.deep.equal(['idle', true, expected]);
    });

  it('reset(): back to idle with no status text, after success or error', async () => {
    const el = await make('code');
    el.connect();
    await oneEvent(el, 'connect-success');
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Connected');
    el.reset();
    await el.updateComplete;
    expect([el.status, el.getAttribute('status'), el.matches(':state(idle)'), text(el, 'status')]).to.deep.equal([
      'idle',
      'idle',
      true,
      '',
    ]);
    // After a denial too (already idle, but with a text).
    el.params = { 'test-respond': 'denied' };
    el.connect().catch(() => {});
    await oneEvent(el, 'connect-error');
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Sign-in cancelled.');
    el.reset();
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('');
  });

  it('reset() while pending ends the flow and closes the popup', async () => {
    const el = await make();
    el.connect().catch(() => {});
    await el.updateComplete;
    const cancel = oneEvent(el, 'connect-cancel');
    el.reset();
    expect((await cancel).detail.reason).to.equal('aborted');
    await el.updateComplete;
    expect([el.status, text(el, 'status'), harness.popup.closed]).to.deep.equal(['idle', '', true]);
  });
});

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
});

describe('<oauth-connect full-width> while pending', () => {
  it('keeps the button width and one line of label; Cancel and the status go below (German, 320 px)', async () => {
    const harness = popupHarness();
    try {
      const wrapper = await fixture(
        html`<div lang="de" style="width:320px">
          <oauth-connect
            full-width
            provider="ulule"
            authorize-url=${authorizeUrl}
            client-id="c"
            redirect-uri="/test/fixtures/callback.html"
          ></oauth-connect>
        </div>`,
      );
      const el = wrapper.querySelector('oauth-connect')!;
      const button = shadow(el, '[part=button]');
      const idle = button.getBoundingClientRect();
      expect(idle.width).to.equal(320);
      el.connect().catch(() => {});
      await el.updateComplete;
      const pending = button.getBoundingClientRect();
      expect(pending.width).to.equal(idle.width);
      expect(pending.height).to.equal(idle.height);
      const label = shadow(el, '[part=label]').getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(shadow(el, '[part=label]')).lineHeight);
      expect(label.height).to.be.at.most(lineHeight * 1.5);
      expect(shadow(el, '[part=status]').getBoundingClientRect().top).to.be.at.least(pending.bottom);
      expect(shadow(el, '[part=cancel]').getBoundingClientRect().top).to.be.at.least(pending.bottom);
      el.abort();
    } finally {
      harness.restore();
    }
  });
});
