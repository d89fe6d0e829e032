import '../../../src/define.js';
import { expect, fixture, html } from '@open-wc/testing';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { registerLocale } from '../../../src/element/locales.js';
import { inItsLanguage } from '../locale-arrival.js';

const shadow = (el: OAuthConnectElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;

const text = (el: OAuthConnectElement, part: string) => shadow(el, `[part=${part}]`).textContent!.trim();

/** The accessible name: the button's explicit aria-label. */
const accessibleName = (el: OAuthConnectElement) => shadow(el, '[part=button]').getAttribute('aria-label');

describe('<oauth-connect> localization', () => {
  const cases: Record<string, [string, string]> = {
    en: ['Sign in with Ulule', 'opens a new window'],
    fr: ['Se connecter avec Ulule', 'ouvre une nouvelle fenêtre'],
    es: ['Iniciar sesión con Ulule', 'abre una ventana nueva'],
    de: ['Mit Ulule anmelden', 'öffnet ein neues Fenster'],
  };
  for (const [lang, [label, hint]] of Object.entries(cases))
    it(`speaks ${lang} from the nearest [lang] ancestor`, async () => {
      const wrapper = await fixture(
        html`<section lang=${lang}>
          <div><oauth-connect provider="ulule"></oauth-connect></div>
        </section>`,
      );
      const el = wrapper.querySelector('oauth-connect')!;
      await inItsLanguage(el);
      expect(text(el, 'label')).to.equal(label);
      expect(accessibleName(el)).to.contain(hint);
      await expect(el).to.be.accessible();
    });

  it('uses its own lang first, then a region tag’s language, then the document', async () => {
    const own = await fixture<OAuthConnectElement>(
      html`<div lang="de"><oauth-connect lang="fr-CA" provider="ulule"></oauth-connect></div>`,
    );
    await inItsLanguage(own.querySelector('oauth-connect')!);
    expect(text(own.querySelector('oauth-connect')!, 'label')).to.equal('Se connecter avec Ulule');
    const documentLang = document.documentElement.lang;
    document.documentElement.lang = 'es';
    try {
      const el = await fixture<OAuthConnectElement>(html`<oauth-connect provider="ulule"></oauth-connect>`);
      await inItsLanguage(el);
      expect(text(el, 'label')).to.equal('Iniciar sesión con Ulule');
    } finally {
      document.documentElement.lang = documentLang;
    }
  });

  it('falls back to English for an unknown language', async () => {
    const el = await fixture(html`<div lang="xx"><oauth-connect></oauth-connect></div>`);
    expect(text(el.querySelector('oauth-connect')!, 'label')).to.equal('Sign in');
  });

  it('takes languages that partners add', async () => {
    registerLocale('it', { signIn: 'Accedi', signInWith: 'Accedi con %', newWindow: 'apre una nuova finestra' });
    const el = await fixture(html`<div lang="it"><oauth-connect provider="ulule"></oauth-connect></div>`);
    const button = el.querySelector('oauth-connect')!;
    expect(text(button, 'label')).to.equal('Accedi con Ulule');
    expect(accessibleName(button)).to.contain('apre una nuova finestra');
  });
});
