/**
 * Language files that do not load: its own test file, so that no language is loaded yet when it
 * starts (each file runs in a fresh page); each test uses its own language.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';
import { inItsLanguage } from './locale-arrival.js';
import { watchLocaleRequests } from './locale-requests.js';

const shadow = (el: OAuthConnectElement, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${part}]`)!;
const label = (el: OAuthConnectElement) => shadow(el, 'label').textContent!.trim();
const requests = watchLocaleRequests();

describe('<oauth-connect> when a language file does not load', () => {
  let warnings: unknown[][];
  let pageErrors: unknown[];
  const realWarn = console.warn;
  const onError = (event: ErrorEvent | PromiseRejectionEvent) =>
    pageErrors.push('reason' in event ? event.reason : event.error);
  beforeEach(() => {
    warnings = [];
    pageErrors = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onError);
  });
  afterEach(() => {
    console.warn = realWarn;
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onError);
  });

  /** Elements in `lang`, rendered again after the file failed: a lang change, a new element. */
  const renderAfterFailure = async (lang: string) => {
    const wrapper = await fixture(
      html`<div lang=${lang}>
        <oauth-connect provider="ulule"></oauth-connect>
        <oauth-connect provider="ultracart"></oauth-connect>
      </div>`,
    );
    const elements = [...wrapper.querySelectorAll('oauth-connect')];
    await inItsLanguage(elements[0]!);
    wrapper.setAttribute('lang', `${lang}-x`);
    const later = document.createElement('oauth-connect');
    later.setAttribute('provider', 'ulule');
    wrapper.append(later);
    await inItsLanguage(later);
    await Promise.all(elements.map((el) => el.updateComplete));
    return [...elements, later];
  };

  const english = ['Sign in with Ulule', 'Sign in with UltraCart', 'Sign in with Ulule'];

  /** The one warning: it names the URL and both ways to fix it. */
  const expectOneWarning = (file: string) => {
    expect(warnings).to.have.length(1);
    const [message] = warnings[0]!;
    expect(message)
      .to.be.a('string')
      .and.contain(new URL(`/src/element/locales/${file}`, location.href).href);
    expect(message).to.contain('locales/').and.contain('oauth-connect.js').and.contain('registerLocale');
  };

  it('a 404: one warning, the elements stay English, no exception, no second fetch', async () => {
    requests.answer = () => Promise.resolve(new Response('<h1>Not found</h1>', { status: 404 }));
    expect((await renderAfterFailure('fr')).map(label)).to.deep.equal(english);
    expectOneWarning('fr.json');
    expect(requests.urls).to.have.length(1);
    expect(pageErrors).to.deep.equal([]);
  });

  it('a network error (as when the Content-Security-Policy refuses it): the same', async () => {
    requests.answer = () => Promise.reject(new TypeError('Failed to fetch'));
    expect((await renderAfterFailure('es')).map(label)).to.deep.equal(english);
    expectOneWarning('es.json');
    expect(requests.urls).to.have.length(1);
    expect(pageErrors).to.deep.equal([]);
  });

  it("a server's page instead of the file (a single-page app's fallback): the same", async () => {
    requests.answer = () => Promise.resolve(new Response('<!doctype html><title>App</title>', { status: 200 }));
    expect((await renderAfterFailure('de')).map(label)).to.deep.equal(english);
    expectOneWarning('de.json');
    expect(requests.urls).to.have.length(1);
    expect(pageErrors).to.deep.equal([]);
  });
});
