/**
 * Languages as modules, not imported: the element alone (no `oauth-connect/define`, which imports
 * every language), in a page of its own, so that no language is registered when it starts. The
 * tests run in order: the first has no loader (the npm path), the others set one, as the
 * script-tag bundle does.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
// The npm lean entry: the element, English, and a warning for a language not imported.
import '../../../../src/element.js';
import type { OAuthConnectElement } from '../../../../src/element/oauth-connect.js';
import { registerLocale, setLocaleLoader } from '../../../../src/element/locales.js';
import { popupHarness } from '../../popup-harness.js';

const authorizeUrl = new URL('/test/fixtures/authorize.html', location.href).href;
const shadow = (el: OAuthConnectElement, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${part}]`)!;
const text = (el: OAuthConnectElement, part: string) => shadow(el, part).textContent!.trim();
const labels = (elements: OAuthConnectElement[]) => elements.map((el) => text(el, 'label'));

describe('<oauth-connect> a language whose module was not imported', () => {
  let warnings: unknown[][];
  const realWarn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => (console.warn = realWarn));

  it('npm: English, one warning naming the import, and sign-in works; importing it later turns every element French', async () => {
    const harness = popupHarness();
    try {
      const wrapper = await fixture(
        html`<div lang="fr">
          <oauth-connect
            provider="ulule"
            authorize-url=${authorizeUrl}
            client-id="c"
            redirect-uri="/test/fixtures/callback.html"
          ></oauth-connect>
          <oauth-connect lang="fr-CA" provider="ultracart"></oauth-connect>
        </div>`,
      );
      const elements = [...wrapper.querySelectorAll('oauth-connect')];
      expect(labels(elements)).to.deep.equal(['Sign in with Ulule', 'Connect to UltraCart']);
      // More renders in French, by a lang change and a new element, warn no more.
      wrapper.setAttribute('lang', 'fr-BE');
      const later = document.createElement('oauth-connect');
      wrapper.append(later);
      await Promise.all([...elements, later].map((el) => el.updateComplete));
      expect(text(later, 'label')).to.equal('Sign in');
      expect(warnings).to.have.length(1);
      expect(warnings[0]![0]).to.be.a('string').and.contain("import 'oauth-connect/locales/fr'");
      // Sign-in is not held up by the language.
      const start = oneEvent(elements[0]!, 'connect-start');
      shadow(elements[0]!, 'button').click();
      await start;
      expect(harness.calls).to.have.length(1);
      await elements[0]!.updateComplete;
      expect(text(elements[0]!, 'status')).to.equal('Waiting for Ulule…');
      // The module, imported late (a partner's dynamic import): every element speaks French at once.
      await import('../../../../src/element/locales/fr.js');
      await waitUntil(() => text(elements[0]!, 'status') == "En attente d'Ulule…", text(elements[0]!, 'status'));
      await Promise.all([...elements, later].map((el) => el.updateComplete));
      expect(labels([elements[1]!, later])).to.deep.equal(['Se connecter à UltraCart', 'Se connecter']);
      expect(warnings).to.have.length(1);
      elements[0]!.abort();
    } finally {
      harness.restore();
    }
  });

  it('with a loader (the script-tag bundle): asked once per language, no warning; words registered before it arrived still win', async () => {
    const asked: string[] = [];
    let arrived!: Promise<unknown>;
    setLocaleLoader((lang) => {
      asked.push(lang);
      // (A literal path: the test server resolves those only.)
      arrived = lang == 'es' ? import('../../../../src/element/locales/es.js') : Promise.resolve();
    });
    registerLocale('es', { signInWith: 'Entrar con %' });
    const wrapper = await fixture(
      html`<div lang="es">
        <oauth-connect provider="ulule"></oauth-connect>
        <oauth-connect lang="es-MX" provider="ulule"></oauth-connect>
      </div>`,
    );
    const elements = [...wrapper.querySelectorAll('oauth-connect')];
    // An element out of the page when the module arrives catches up when it is back.
    const away = elements[1]!;
    away.remove();
    await arrived;
    expect(asked).to.deep.equal(['es']);
    await waitUntil(() => shadow(elements[0]!, 'button').ariaLabel == 'Entrar con Ulule, abre una ventana nueva');
    wrapper.append(away);
    await away.updateComplete;
    expect(shadow(away, 'button').ariaLabel).to.equal('Entrar con Ulule, abre una ventana nueva');
    // The registered words still win over the module's, which is now there.
    expect(labels(elements)).to.deep.equal(['Entrar con Ulule', 'Entrar con Ulule']);
    wrapper.setAttribute('lang', 'es-AR');
    await elements[0]!.updateComplete;
    expect(asked).to.deep.equal(['es']);
    expect(warnings).to.deep.equal([]);
  });

  it('asks for no module when the words registered for the language cover every string ("Connected as" for both)', async () => {
    const asked: string[] = [];
    setLocaleLoader((lang) => asked.push(lang));
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
      connectedAs: 'Verbunden als %',
      disconnect: 'Trennen',
    });
    const el = await fixture<OAuthConnectElement>(html`<oauth-connect lang="de-CH" provider="ulule"></oauth-connect>`);
    expect(text(el, 'label')).to.equal('Mit Ulule einloggen');
    const it = await fixture<OAuthConnectElement>(html`<oauth-connect lang="it" provider="ulule"></oauth-connect>`);
    expect(text(it, 'label')).to.equal('Sign in with Ulule');
    expect(asked).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
  });
});
