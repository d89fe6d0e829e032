/**
 * Languages as modules, imported: `oauth-connect/define` brings French, Spanish and German, so
 * each element speaks its page's language from its first render, with nothing fetched or logged.
 * (What happens without a language's module: not-imported.test.ts, a page of its own.)
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../../src/define.js';
import type { OAuthConnectElement } from '../../../../src/element/oauth-connect.js';
import { en, fillNames, registerLocale, registered } from '../../../../src/element/locales.js';
import { LocaleController } from '../../../../src/element/locale-controller.js';
import { popupHarness } from '../../popup-harness.js';
import { ReactiveElement } from '@lit/reactive-element';

/** The language controller on an element of its own, as the element uses it. */
class LocaleProbe extends ReactiveElement {
  locale = new LocaleController(this);
}
customElements.define('locale-probe', LocaleProbe);

const shadow = (el: OAuthConnectElement, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${part}]`)!;
const text = (el: OAuthConnectElement, part: string) => shadow(el, part).textContent!.trim();
const accessibleName = (el: OAuthConnectElement) => shadow(el, 'button').getAttribute('aria-label');

describe('<oauth-connect> languages (modules imported)', () => {
  let warnings: unknown[][];
  const realWarn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = realWarn;
    // Nothing to warn about: every language with a module is there.
    expect(warnings).to.deep.equal([]);
  });

  const cases: Record<string, [string, string]> = {
    en: ['Sign in with Ulule', 'opens a new window'],
    fr: ['Se connecter avec Ulule', 'ouvre une nouvelle fenêtre'],
    es: ['Iniciar sesión con Ulule', 'abre una ventana nueva'],
    de: ['Mit Ulule anmelden', 'öffnet ein neues Fenster'],
  };
  for (const [lang, [label, hint]] of Object.entries(cases))
    it(`speaks ${lang} from the nearest [lang] ancestor, from the first render`, async () => {
      const wrapper = await fixture(
        html`<section lang=${lang}>
          <div><oauth-connect provider="ulule"></oauth-connect></div>
        </section>`,
      );
      const el = wrapper.querySelector('oauth-connect')!;
      expect(text(el, 'label')).to.equal(label);
      expect(accessibleName(el)).to.equal(`${label}, ${hint}`);
      await expect(el).to.be.accessible();
    });

  it('uses its own lang first, then a region tag’s language, then the document', async () => {
    const own = await fixture(html`<div lang="de"><oauth-connect lang="fr-CA" provider="ulule"></oauth-connect></div>`);
    expect(text(own.querySelector('oauth-connect')!, 'label')).to.equal('Se connecter avec Ulule');
    const documentLang = document.documentElement.lang;
    document.documentElement.lang = 'es-MX';
    try {
      const el = await fixture<OAuthConnectElement>(html`<oauth-connect provider="ulule"></oauth-connect>`);
      expect(text(el, 'label')).to.equal('Iniciar sesión con Ulule');
    } finally {
      document.documentElement.lang = documentLang;
    }
  });

  it('falls back to English for a language without a module, and says nothing', async () => {
    const wrapper = await fixture(
      html`<div>
        <oauth-connect lang="xx"></oauth-connect>
        <oauth-connect lang="it" provider="ulule"></oauth-connect>
        <oauth-connect lang="" provider="ulule"></oauth-connect>
      </div>`,
    );
    expect([...wrapper.querySelectorAll('oauth-connect')].map((el) => text(el, 'label'))).to.deep.equal([
      'Sign in',
      'Sign in with Ulule',
      'Sign in with Ulule',
    ]);
  });

  it('follows run-time changes of lang on itself, an ancestor and <html>', async () => {
    const documentLang = document.documentElement.lang;
    try {
      const wrapper = await fixture(html`<div><oauth-connect provider="ulule"></oauth-connect></div>`);
      const el = wrapper.querySelector('oauth-connect')!;
      const label = () => text(el, 'label');
      document.documentElement.lang = 'de';
      await waitUntil(() => label() == 'Mit Ulule anmelden', `<html lang>: ${label()}`);
      expect(accessibleName(el)).to.equal('Mit Ulule anmelden, öffnet ein neues Fenster');
      wrapper.setAttribute('lang', 'es');
      await waitUntil(() => label() == 'Iniciar sesión con Ulule', `ancestor lang: ${label()}`);
      el.lang = 'fr';
      await waitUntil(() => label() == 'Se connecter avec Ulule', `own lang: ${label()}`);
      el.removeAttribute('lang');
      wrapper.removeAttribute('lang');
      await waitUntil(() => label() == 'Mit Ulule anmelden', `back to <html lang>: ${label()}`);
    } finally {
      document.documentElement.lang = documentLang;
    }
  });

  it('follows its own lang inside another shadow root', async () => {
    const host = await fixture(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('oauth-connect');
    el.setAttribute('provider', 'ulule');
    root.append(el);
    await el.updateComplete;
    el.lang = 'de';
    await waitUntil(() => text(el, 'label') == 'Mit Ulule anmelden', text(el, 'label'));
  });

  it('French elides "de" and "que" before a vowel or an h (its module’s fill rule)', async () => {
    const harness = popupHarness();
    try {
      const wrapper = await fixture(
        html`<div lang="fr">
          <oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>
          <oauth-connect provider="ultracart" client-id="c" redirect-uri="/cb"></oauth-connect>
          <oauth-connect authorize-url="https://hub.example/authorize" client-id="c" redirect-uri="/cb"></oauth-connect>
          <oauth-connect
            authorize-url="https://provider.example/authorize"
            client-id="c"
            redirect-uri="/cb"
          ></oauth-connect>
        </div>`,
      );
      const elements = [...wrapper.querySelectorAll('oauth-connect')];
      for (const el of elements) el.connect().catch(() => {});
      await Promise.all(elements.map((el) => el.updateComplete));
      expect(elements.map((el) => text(el, 'status'))).to.deep.equal([
        "En attente d'Ulule…",
        "En attente d'UltraCart…",
        "En attente d'hub.example…",
        'En attente de provider.example…',
      ]);
      for (const el of elements) el.abort();
    } finally {
      harness.restore();
    }
  });

  it('the connected look: "qu’Ada" in French, "que Bob"; Spanish and German as they are', async () => {
    const wrapper = await fixture(
      html`<div>
        <oauth-connect lang="fr" provider="ulule" account-name="Ada"></oauth-connect>
        <oauth-connect lang="fr" provider="ulule" account-name="Bob"></oauth-connect>
        <oauth-connect lang="es" provider="ulule" account-name="Ada"></oauth-connect>
        <oauth-connect lang="de" provider="ulule" account-name="Ada"></oauth-connect>
      </div>`,
    );
    const elements = [...wrapper.querySelectorAll('oauth-connect')];
    expect(elements.map((el) => [text(el, 'status'), text(el, 'disconnect')])).to.deep.equal([
      ["Connecté à Ulule en tant qu'Ada", 'Se déconnecter'],
      ['Connecté à Ulule en tant que Bob', 'Se déconnecter'],
      ['Conectado a Ulule como Ada', 'Desconectar'],
      ['Verbunden mit Ulule als Ada', 'Trennen'],
    ]);
  });

  it('registerLocale: words registered after the module win over it; the module gives the rest', async () => {
    const el = await fixture<OAuthConnectElement>(html`<oauth-connect lang="es" provider="ulule"></oauth-connect>`);
    expect(text(el, 'label')).to.equal('Iniciar sesión con Ulule');
    // Registering renders the elements again.
    registerLocale('es', { signInWith: 'Entrar con %' });
    await waitUntil(() => text(el, 'label') == 'Entrar con Ulule', text(el, 'label'));
    expect(accessibleName(el)).to.equal('Entrar con Ulule, abre una ventana nueva');
    // A region's words win over its language's.
    registerLocale('es-MX', { newWindow: 'abre otra ventana' });
    el.lang = 'es-MX';
    await waitUntil(() => accessibleName(el) == 'Entrar con Ulule, abre otra ventana', `${accessibleName(el)}`);
  });

  it('registerLocale over French keeps the French fill rule, unless it brings its own', async () => {
    registerLocale('fr-BE', { connectedAs: 'Connecté comme %' });
    registerLocale(
      'fr-CH',
      { connectedAs: 'Compte de %' },
      // A rule of its own, here none: the words stay as they are before any name.
      { fill: (before) => before },
    );
    const wrapper = await fixture(
      html`<div>
        <oauth-connect lang="fr-BE" account-name="Ada"></oauth-connect>
        <oauth-connect lang="fr-BE" provider="ulule"></oauth-connect>
        <oauth-connect lang="fr-CH" account-name="Ada"></oauth-connect>
      </div>`,
    );
    const [belgian, waiting, swiss] = [...wrapper.querySelectorAll('oauth-connect')];
    expect(text(belgian!, 'status')).to.equal('Connecté comme Ada');
    expect(text(swiss!, 'status')).to.equal('Compte de Ada');
    const harness = popupHarness();
    try {
      waiting!.authorizeUrl = 'https://provider.example/authorize';
      waiting!.clientId = 'c';
      waiting!.redirectUri = '/cb';
      waiting!.connect().catch(() => {});
      await waiting!.updateComplete;
      expect(text(waiting!, 'status')).to.equal("En attente d'Ulule…");
      waiting!.abort();
    } finally {
      harness.restore();
    }
  });

  it('takes languages that partners add; the words left out are English', async () => {
    registerLocale('it', { signIn: 'Accedi', signInWith: 'Accedi con %', newWindow: 'apre una nuova finestra' });
    const wrapper = await fixture(
      html`<div lang="it">
        <oauth-connect provider="ulule"></oauth-connect>
        <oauth-connect account-name="Ada"></oauth-connect>
      </div>`,
    );
    const [button, connected] = [...wrapper.querySelectorAll('oauth-connect')];
    expect(text(button!, 'label')).to.equal('Accedi con Ulule');
    expect(accessibleName(button!)).to.equal('Accedi con Ulule, apre una nuova finestra');
    expect(text(connected!, 'status')).to.equal('Connected as Ada');
  });

  it('a partner’s language with its own fill rule (the README’s Catalan)', async () => {
    registerLocale(
      'ca',
      { signIn: 'Inicia la sessió', signInWith: 'Inicia la sessió amb %', waiting: 'Esperant la resposta de %…' },
      { fill: (before, name) => (/^[aeiouh]/i.test(name) ? before.replace(/\bde $/, "d'") : before) },
    );
    const harness = popupHarness();
    try {
      const wrapper = await fixture(
        html`<div lang="ca">
          <oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>
          <oauth-connect
            authorize-url="https://provider.example/authorize"
            client-id="c"
            redirect-uri="/cb"
          ></oauth-connect>
        </div>`,
      );
      const elements = [...wrapper.querySelectorAll('oauth-connect')];
      expect(text(elements[0]!, 'label')).to.equal('Inicia la sessió amb Ulule');
      for (const el of elements) el.connect().catch(() => {});
      await Promise.all(elements.map((el) => el.updateComplete));
      expect(elements.map((el) => text(el, 'status'))).to.deep.equal([
        "Esperant la resposta d'Ulule…",
        'Esperant la resposta de provider.example…',
      ]);
      for (const el of elements) el.abort();
    } finally {
      harness.restore();
    }
  });

  for (const lang of ['fr', 'es', 'de'])
    it(`the ${lang} module translates every string English has`, () => {
      const strings = registered[0][lang]!.strings;
      expect(Object.keys(strings).sort()).to.deep.equal(Object.keys(en).sort());
      for (const [key, english] of Object.entries(en)) {
        const translated = strings[key as keyof typeof en]!;
        expect(translated, key).to.not.equal(english);
        // The same names in the same places: %, or %1 and %2.
        expect(translated.match(/%\d?/g), key).to.deep.equal(english.match(/%\d?/g));
      }
    });

  it('UltraCart’s button says "Connect to" in each language (its preset’s action); Ulule’s still "Sign in with"', async () => {
    const wrapper = await fixture(
      html`<div>
        ${['en', 'fr', 'es', 'de'].map(
          (lang) =>
            html`<oauth-connect lang=${lang} provider="ultracart" client-id="c" redirect-uri="/cb"></oauth-connect>`,
        )}<oauth-connect lang="en" provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>
      </div>`,
    );
    const elements = [...wrapper.querySelectorAll('oauth-connect')];
    await Promise.all(elements.map((el) => el.updateComplete));
    expect(elements.map((el) => text(el, 'label'))).to.deep.equal([
      'Connect to UltraCart',
      'Se connecter à UltraCart',
      'Conectar con UltraCart',
      'Mit UltraCart verbinden',
      'Sign in with Ulule',
    ]);
  });

  it('the new status words in each language: connected to a provider, waiting for an unnamed one', () => {
    const words = (lang: string) => {
      const { strings, fill } = registered[0][lang]!;
      return [
        fillNames(strings.connectedTo!, ['Ulule', 'Ada'], fill),
        fillNames(strings.connectedTo!, ['UltraCart', 'Bob'], fill),
        strings.waitingSignIn,
      ];
    };
    expect(words('fr')).to.deep.equal([
      "Connecté à Ulule en tant qu'Ada",
      'Connecté à UltraCart en tant que Bob',
      'En attente de la connexion…',
    ]);
    expect(words('es')).to.deep.equal([
      'Conectado a Ulule como Ada',
      'Conectado a UltraCart como Bob',
      'Esperando el inicio de sesión…',
    ]);
    expect(words('de')).to.deep.equal([
      'Verbunden mit Ulule als Ada',
      'Verbunden mit UltraCart als Bob',
      'Warten auf die Anmeldung…',
    ]);
  });

  it('the controller: the words and fill rule of the element’s language, "Connected as" alone kept', async () => {
    registerLocale('pt', { connectedAs: 'Conectado como %' });
    const wrapper = await fixture(
      html`<div>
        <locale-probe lang="fr"></locale-probe>
        <locale-probe lang="pt-BR"></locale-probe>
        <locale-probe lang="en"></locale-probe>
      </div>`,
    );
    const [fr, pt, en] = [...wrapper.querySelectorAll<LocaleProbe>('locale-probe')].map((probe) => probe.locale);
    // The language as the page writes it (what the element sends the provider as ui_locales).
    expect(pt!.lang).to.equal('pt-BR');
    expect(fr!.fill(fr!.strings.connectedTo!, 'Ulule', 'Ada')).to.equal("Connecté à Ulule en tant qu'Ada");
    expect(fr!.fill(fr!.strings.waiting, 'Ulule')).to.equal("En attente d'Ulule…");
    // A language with "Connected as" only: no English "Connected to … as …" in the middle of it.
    expect([pt!.strings.connectedTo, pt!.fill(pt!.strings.connectedAs!, 'Ada')]).to.deep.equal([
      undefined,
      'Conectado como Ada',
    ]);
    expect(en!.fill(en!.strings.connectedTo!, 'Ulule', 'Ada')).to.equal('Connected to Ulule as Ada');
  });

  it('fills %1, %2… with the names in order, each with the language’s rule', () => {
    const french = registered[0].fr!.fill;
    expect(fillNames('Connecté à %1 en tant que %2', ['Ulule', 'Ada'], french)).to.equal(
      "Connecté à Ulule en tant qu'Ada",
    );
    expect(fillNames('Compte de %2 chez %1', ['Ulule', 'Bob'], french)).to.equal('Compte de Bob chez Ulule');
    expect(fillNames('%2 de %1', ['UltraCart', 'Ada'], french)).to.equal("Ada d'UltraCart");
    expect(fillNames('Connected to %1 as %2', ['Ulule', 'Ada'])).to.equal('Connected to Ulule as Ada');
  });
});
