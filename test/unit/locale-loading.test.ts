/**
 * Languages other than English load on demand: a JSON file beside the module, fetched when an
 * element first renders in that language, once per page. Its own test file, so that nothing is
 * loaded yet when it starts (each file runs in a fresh page); each test uses its own language.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { registerLocale } from '../../src/element/locales.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';
import { inItsLanguage } from './locale-arrival.js';
import { watchLocaleRequests } from './locale-requests.js';

const shadow = (el: OAuthConnectElement, part: string) => el.shadowRoot!.querySelector(`[part=${part}]`)!;
const label = (el: OAuthConnectElement) => shadow(el, 'label').textContent!.trim();

const requests = watchLocaleRequests();

describe('<oauth-connect> languages load on demand', () => {
  it('a French page fetches fr.json once for all its elements: English until it arrives, then French', async () => {
    // The server's answer is held back until the English rendering has been checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    requests.answer = (url) => held.then(() => requests.server(url));
    const wrapper = await fixture(
      html`<div lang="fr">
        ${[1, 2, 3, 4, 5].map(() => html`<oauth-connect provider="ulule"></oauth-connect>`)}
        <oauth-connect lang="fr-CA" provider="ulule"></oauth-connect>
      </div>`,
    );
    const elements = [...wrapper.querySelectorAll('oauth-connect')];
    expect(elements.map(label)).to.deep.equal(Array(6).fill('Sign in with Ulule'));
    release();
    await inItsLanguage(elements[0]!);
    await Promise.all(elements.map((el) => el.updateComplete));
    expect(elements.map(label)).to.deep.equal(Array(6).fill('Se connecter avec Ulule'));
    expect(shadow(elements[5]!, 'button').getAttribute('aria-label')).to.equal(
      'Se connecter avec Ulule, ouvre une nouvelle fenêtre',
    );
    // An element added later, and the renders after a lang change, fetch nothing more.
    const later = document.createElement('oauth-connect');
    later.setAttribute('provider', 'ultracart');
    wrapper.append(later);
    await later.updateComplete;
    expect(label(later)).to.equal('Se connecter avec UltraCart');
    wrapper.setAttribute('lang', 'fr-BE');
    await inItsLanguage(later);
    expect(requests.urls).to.have.length(1);
    expect(new URL(requests.urls[0]!).pathname).to.equal('/src/element/locales/fr.json');
  });

  it('fetches nothing for English or a language without a file', async () => {
    const wrapper = await fixture(
      html`<div>
        <oauth-connect lang="en-GB" provider="ulule"></oauth-connect>
        <oauth-connect lang="xx" provider="ulule"></oauth-connect>
        <oauth-connect lang="it" provider="ulule"></oauth-connect>
        <oauth-connect lang="" provider="ulule"></oauth-connect>
      </div>`,
    );
    const elements = [...wrapper.querySelectorAll('oauth-connect')];
    for (const el of elements) await inItsLanguage(el);
    expect(elements.map(label)).to.deep.equal(Array(4).fill('Sign in with Ulule'));
    expect(requests.urls).to.deep.equal([]);
  });

  it('strings from registerLocale win over the file, registered before or after it arrived', async () => {
    registerLocale('es', { signInWith: 'Entrar con %' });
    const el = await fixture<OAuthConnectElement>(html`<oauth-connect lang="es" provider="ulule"></oauth-connect>`);
    await inItsLanguage(el);
    expect(label(el)).to.equal('Entrar con Ulule');
    // The words not registered come from the file.
    expect(shadow(el, 'button').getAttribute('aria-label')).to.equal('Entrar con Ulule, abre una ventana nueva');
    registerLocale('es-MX', { newWindow: 'abre otra ventana' });
    el.lang = 'es-MX';
    await inItsLanguage(el);
    expect(shadow(el, 'button').getAttribute('aria-label')).to.equal('Entrar con Ulule, abre otra ventana');
    expect(requests.urls).to.have.length(1);
  });

  it('fetches no file for a language whose registered strings cover every word', async () => {
    registerLocale('de', {
      signIn: 'Einloggen',
      signInWith: 'Mit % einloggen',
      newWindow: 'neues Fenster',
      waiting: 'Warte auf %…',
      waitingSignIn: 'Warte auf die Anmeldung…',
      cancel: 'Abbrechen',
      success: 'Verbunden',
      error: 'Fehler.',
      cancelled: 'Abgebrochen.',
      unavailable: 'Nicht verfügbar.',
      connectedTo: 'Mit %1 verbunden als %2',
      connectedAs: 'Verbunden als %',
      disconnect: 'Trennen',
    });
    const el = await fixture<OAuthConnectElement>(html`<oauth-connect lang="de-CH" provider="ulule"></oauth-connect>`);
    await inItsLanguage(el);
    expect(label(el)).to.equal('Mit Ulule einloggen');
    expect(requests.urls).to.deep.equal([]);
  });
});
