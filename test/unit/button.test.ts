import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';
import { registerProvider } from '../../src/flow/providers.js';
import { popupHarness } from './popup-harness.js';

const authorizeUrl = new URL('/test/fixtures/authorize.html', location.href).href;
const shadow = (el: OAuthConnectElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const text = (el: OAuthConnectElement, part: string) => shadow(el, `[part=${part}]`).textContent!.trim();
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
      html`<oauth-connect provider="ulule" client-id="c" redirect-uri="/test/fixtures/callback.html"></oauth-connect>`,
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
      html`<oauth-connect provider="ultracart" response-type="token" client-id="c" redirect-uri="/cb"></oauth-connect>`,
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

describe('<oauth-connect> states', () => {
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

  it('idle → pending: busy, spinner, "Waiting for Ulule…", a cancel button, :state(pending)', async () => {
    const el = await make();
    expect(el.matches(':state(idle)')).to.equal(true);
    expect(text(el, 'status')).to.equal('');
    shadow(el, '[part=button]').click();
    await el.updateComplete;
    expect(el.status).to.equal('pending');
    expect(el.getAttribute('status')).to.equal('pending');
    expect(el.matches(':state(pending)')).to.equal(true);
    expect(shadow(el, '[part=button]').getAttribute('aria-busy')).to.equal('true');
    expect(shadow(el, '.spin')).to.exist;
    expect(shadow(el, '[part=status]').getAttribute('role')).to.equal('status');
    expect(text(el, 'status')).to.equal('Waiting for Ulule…');
    await expect(el).to.be.accessible();

    const cancel = oneEvent(el, 'connect-cancel');
    shadow(el, '[part=cancel]').click();
    expect((await cancel).detail.reason).to.equal('aborted');
    await el.updateComplete;
    expect(el.matches(':state(idle)')).to.equal(true);
    expect(shadow(el, '[part=cancel]')).to.equal(null);
    expect(harness.popup.closed).to.equal(true);
  });

  it('success and error show a short status, and the button stays to retry', async () => {
    const ok = await make('code');
    ok.connect();
    await oneEvent(ok, 'connect-success');
    await ok.updateComplete;
    expect([ok.status, text(ok, 'status'), ok.matches(':state(success)')]).to.deep.equal([
      'success',
      'Connected',
      true,
    ]);

    const failed = await make('code-and-error');
    failed.connect().catch(() => {});
    await oneEvent(failed, 'connect-error');
    await failed.updateComplete;
    expect([failed.status, text(failed, 'status'), failed.matches(':state(error)')]).to.deep.equal([
      'error',
      'Sign-in failed. Try again.',
      true,
    ]);
    expect(shadow(failed, '[part=button]').hasAttribute('disabled')).to.equal(false);
  });

  it('no-status hides the status text from sight but not from screen readers', async () => {
    const el = await make();
    el.noStatus = true;
    el.connect().catch(() => {});
    await el.updateComplete;
    const status = shadow(el, '[part=status]');
    expect(status.textContent).to.contain('Waiting');
    expect(status.getBoundingClientRect().width).to.be.at.most(1);
    el.abort();
  });

  it('announces each status once: an unrelated update leaves the live region untouched', async () => {
    const el = await make();
    el.connect().catch(() => {});
    await el.updateComplete;
    const status = shadow(el, '[part=status]');
    const announced = status.firstChild;
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    el.popupWidth = 600; // a property that does not change the status text
    await el.updateComplete;
    observer.disconnect();
    expect(status.firstChild).to.equal(announced);
    expect(changes).to.have.length(0);
    el.abort();
  });

  it('gives focus back to the button when the popup closes', async () => {
    const el = await make('code');
    const button = shadow(el, '[part=button]');
    button.focus();
    const done = oneEvent(el, 'connect-success');
    button.click();
    await done;
    await waitUntil(() => el.shadowRoot!.activeElement === button, 'focus returns to the button');
  });

  it('offers a target of at least 44×44 CSS pixels at the default size', async () => {
    const el = await fixture<OAuthConnectElement>(html`<oauth-connect label="Go"></oauth-connect>`);
    const { width, height } = shadow(el, '[part=button]').getBoundingClientRect();
    expect(width).to.be.at.least(44);
    expect(height).to.be.at.least(44);
  });
});

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

describe('<oauth-connect> cancelled by a pending-state click elsewhere', () => {
  it('ignores clicks while disabled', async () => {
    const harness = popupHarness();
    try {
      const el = await fixture<OAuthConnectElement>(html`<oauth-connect disabled label="Go"></oauth-connect>`);
      shadow(el, '[part=button]').click();
      await aTimeout(50);
      expect(harness.calls).to.have.length(0);
      expect(el.status).to.equal('idle');
    } finally {
      harness.restore();
    }
  });
});
