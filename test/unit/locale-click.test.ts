/**
 * The click never fetches a language file, so nothing can come between it and the popup (a
 * popup blocker would then block it). Its own test file, so that French is not loaded yet when
 * it starts (each file runs in a fresh page).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
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
