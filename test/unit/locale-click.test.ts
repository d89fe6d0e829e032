/**
 * When a language file arrives: the click never fetches one, so nothing can come between it and
 * the popup (a popup blocker would then block it); an element out of the page at its arrival
 * catches up when it is back. Its own test file, so that French and Spanish are not loaded yet
 * when it starts (each file runs in a fresh page).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { localeFetch } from '../../src/element/locales.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';
import { inItsLanguage } from './locale-arrival.js';
import { watchLocaleRequests } from './locale-requests.js';
import { popupHarness } from './popup-harness.js';

const shadow = (el: OAuthConnectElement, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${part}]`)!;
const requests = watchLocaleRequests();
const authorizeUrl = new URL('/test/fixtures/authorize.html', location.href).href;

describe('<oauth-connect> the click fetches no language file', () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  /** Clicks the button; returns how many language files had been requested when the popup opened. */
  const click = async (el: OAuthConnectElement) => {
    const start = oneEvent(el, 'connect-start');
    const calls = harness.calls.length;
    shadow(el, 'button').click();
    await start;
    expect(harness.calls).to.have.length(calls + 1);
    return requests.urls.length;
  };

  const french = () =>
    fixture<OAuthConnectElement>(
      html`<oauth-connect
        lang="fr"
        provider="ulule"
        authorize-url=${authorizeUrl}
        client-id="c"
        redirect-uri="/test/fixtures/callback.html"
      ></oauth-connect>`,
    );

  it('while the file is on its way: the popup opens, nothing more is fetched, the words follow it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    requests.answer = (url) => held.then(() => requests.server(url));
    const el = await french();
    expect(requests.urls).to.have.length(1);
    expect(await click(el)).to.equal(1);
    requests.answer = undefined;
    release();
    await inItsLanguage(el);
    expect(shadow(el, 'status').textContent).to.equal("En attente d'Ulule…");
    expect(requests.urls).to.have.length(1);
    el.abort();
  });

  it('once it is there: the same', async () => {
    const el = await french();
    await inItsLanguage(el);
    expect(await click(el)).to.equal(0);
    await el.updateComplete;
    expect(requests.urls).to.deep.equal([]);
    el.abort();
  });
});

describe('<oauth-connect> out of the page when its file arrives', () => {
  it('an element out of the page when the file arrives speaks the language once it is back', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    requests.answer = (url) => held.then(() => requests.server(url));
    const wrapper = await fixture(html`<div lang="es"><oauth-connect provider="ulule"></oauth-connect></div>`);
    const el = wrapper.querySelector('oauth-connect')!;
    expect(shadow(el, 'label').textContent!.trim()).to.equal('Sign in with Ulule');
    el.remove();
    release();
    await localeFetch('es');
    wrapper.append(el);
    await el.updateComplete;
    expect(shadow(el, 'label').textContent!.trim()).to.equal('Iniciar sesión con Ulule');
  });
});
