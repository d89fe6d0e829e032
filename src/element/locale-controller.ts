import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { en, fillNames, hosts, localeLoader, registered, type ConnectStrings, type LocaleFill } from './locales.js';

/**
 * The languages the package has a module for (./locales/*.ts, `oauth-connect/locales/<lang>`):
 * a page in one of them that did not import it is told so, or the script-tag bundle loads it.
 * Any other language is English unless the page registered it.
 */
const modules = ['fr', 'es', 'de'];

/** The languages already asked for (loaded or warned about): once per page, however many elements. */
const asked = new Set<string>();

/** One observer for the page: `lang` on <html>, on every ancestor and on the elements themselves. */
let observer: MutationObserver | undefined;

/**
 * An element's language (modelled on Web Awesome's `LocalizeController`): it follows the nearest
 * `lang` (its own, an ancestor's, then `<html lang>`) as it changes, gives the words for it, and
 * renders its element again when a language is registered. A region falls back to its language
 * (`fr-CA` to `fr`), anything unknown to English.
 */
export class LocaleController implements ReactiveController {
  /** The words for the element's language, as of its last render. */
  strings: ConnectStrings = en;
  /** Puts names into one of `strings`, as the language does (`fill(strings.waiting, 'Ulule')`). */
  fill = (template: string, ...names: string[]): string => fillNames(template, names, this.#rule);
  #rule: LocaleFill | undefined;

  constructor(readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    // Its language may have changed while it was out of the page: moved under another `lang`,
    // or registered meanwhile.
    this.host.requestUpdate();
    if (!observer) {
      observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
      observer.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    }
    // Its own `lang` too: an element inside another shadow root is not in <html>'s subtree.
    observer.observe(this.host, { attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** The element's language as the page writes it (`fr-CA`): its own `lang`, the nearest ancestor's, then `<html lang>`. */
  get lang(): string {
    return this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
  }

  /** Before each render: the words of the language the element is in now. */
  hostUpdate(): void {
    const lang = this.lang.toLowerCase();
    const base = lang.replace(/-.*/, '');
    const [module, page] = registered;
    const own = { ...page[base]?.strings, ...page[lang]?.strings };
    // Words for every string spare the module ("Connected as" alone is complete: see below).
    const missing = Object.keys(en).some((key) => !(key in own) && key != 'connectedTo');
    if (modules.includes(base) && !module[base] && !asked.has(base) && missing) {
      asked.add(base);
      if (localeLoader) localeLoader(base);
      else
        console.warn(
          `oauth-connect: lang="${base}" needs import 'oauth-connect/locales/${base}' (or registerLocale); until then the element is in English.`,
        );
    }
    this.#rule = undefined;
    for (const language of [module[base], module[lang], page[base], page[lang]])
      this.#rule = language?.fill ?? this.#rule;
    const local = { ...module[base]?.strings, ...module[lang]?.strings, ...own };
    // A language (or a partner's words) with "Connected as" only keeps it, rather than English's
    // "Connected to … as …".
    this.strings = { ...en, ...local, ...(local.connectedAs && !local.connectedTo && { connectedTo: undefined }) };
  }
}
