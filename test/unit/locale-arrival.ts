import { localeFetch } from '../../src/element/locales.js';
import type { OAuthConnectElement } from '../../src/element/oauth-connect.js';

/**
 * Resolves once `el` shows its language. Languages other than English load on demand (a file
 * fetched when an element first renders in one), so a test of their words waits for that file,
 * then for the update every element makes once it is there. For English, or a language without
 * a file, it is just the element's next update.
 */
export async function inItsLanguage(el: OAuthConnectElement): Promise<void> {
  // A render in the element's current language, which starts the fetch if none has.
  el.requestUpdate();
  await el.updateComplete;
  await localeFetch(el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
  await el.updateComplete;
}
