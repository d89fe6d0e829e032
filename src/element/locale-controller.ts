import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { renderAll } from './live.js';
import { en, fillNames, localeLoader, registered, type ConnectStrings, type LocaleFill } from './locales.js';

/**
 * The languages the package has a module for (./locales/*.ts, `oauth-connect/locales/<lang>`) not
 * asked for yet: for a page in one of them that did not import it, the entry's loader runs (npm
 * says which import is missing, the script-tag bundle loads it), once per page however many elements. Any other language is English unless the page
 * registered it.
 */
const unasked = new Set(['fr', 'es', 'de']);

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

  // (The element is in `live` while connected: `renderAll` renders it again when a language arrives.)
  hostConnected(): void {
    // Its language may have changed while it was out of the page: moved under another `lang`,
    // or registered meanwhile.
    this.host.requestUpdate();
    if (!observer) {
      observer = new MutationObserver(renderAll);
      observer.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    }
    // Its own `lang` too: an element inside another shadow root is not in <html>'s subtree.
    observer.observe(this.host, { attributeFilter: ['lang'] });
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
    // Region over language, the page's words over the module's; the last fill rule given wins.
    let local: Partial<ConnectStrings> = {};
    this.#rule = undefined;
    for (const language of [module[base], module[lang], page[base], page[lang]]) {
      local = { ...local, ...language?.strings };
      this.#rule = language?.fill ?? this.#rule;
    }
    // Words for every string spare the module ("Connected as" alone is complete: see below; so are words without
    // "Connect to %", which then stays English on UltraCart's button).
    if (
      unasked.has(base) &&
      !module[base] &&
      Object.keys(en).some((key) => !(key in local) && key != 'connectedTo' && key != 'connectWith')
    ) {
      unasked.delete(base);
      // The bundle loads its module; npm warns which import is missing (src/element.ts).
      localeLoader?.(base);
    }
    // A language (or a partner's words) with "Connected as" only keeps it, rather than English's
    // "Connected to … as …".
    this.strings = { ...en, ...local, ...(local.connectedAs && !local.connectedTo && { connectedTo: undefined }) };
  }
}
