import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';
import { registerLocale } from '../../src/element/locales.js';

// Languages other than English come from their own file beside the module, fetched when an element
// first renders in that language: English until the file is there, then the language.
// Its own test file: each runs in a fresh page, so nothing here is loaded yet.
const label = (el: Element) => el.shadowRoot!.querySelector('[part=label]')!.textContent!.trim();
const localeFetches = () =>
  performance.getEntriesByType('resource').filter((entry) => /\/locales\/\w+\.(js|ts)/.test(entry.name)).length;

describe('<oauth-connect> languages load on demand', () => {
  it('loads nothing for English, then French when an element in French connects', async () => {
    await fixture(html`<div lang="en"><oauth-connect provider="ulule"></oauth-connect></div>`);
    expect(localeFetches()).to.equal(0);
    // Checked right after the first update (microtasks), before the file can have arrived (a fetch, a task later).
    const wrapper = await fixture(html`<div lang="fr"></div>`);
    const el = document.createElement('oauth-connect') as OAuthConnectElement;
    el.setAttribute('provider', 'ulule');
    wrapper.append(el);
    await el.updateComplete;
    expect(label(el)).to.equal('Sign in with Ulule');
    await waitUntil(() => label(el) == 'Se connecter avec Ulule', `still: ${label(el)}`);
    expect(localeFetches()).to.equal(1);
  });

  it('loads German when the lang of a connected element changes, and keeps strings a partner registered', async () => {
    registerLocale('de', { signInWith: 'Mit % hinein' });
    const el = await fixture(html`<oauth-connect provider="ulule"></oauth-connect>`);
    const name = () => el.shadowRoot!.querySelector('[part=button]')!.getAttribute('aria-label');
    el.setAttribute('lang', 'de-AT');
    await waitUntil(() => name()?.includes('öffnet ein neues Fenster'), `still: ${name()}`);
    expect(label(el)).to.equal('Mit Ulule hinein');
  });
});
