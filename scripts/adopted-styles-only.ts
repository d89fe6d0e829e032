import type { Plugin } from 'vite';

/** The module `@lit/reactive-element` imports its styling helpers from, and what this plugin puts in its place. */
const cssTag = /\/@lit\/reactive-element\/css-tag\.js$/;
const replacement = '\0oauth-connect:adopted-styles-only';

/**
 * For the self-contained bundles (dist/*.js): gives `@lit/reactive-element` a two-line
 * `css-tag.js` that only adopts stylesheets. Lit's own also carries `CSSResult`, its
 * checks and a fallback that writes `<style>` elements for browsers without constructable
 * stylesheets (about 290 B gzip on every partner page). The element's styles are a
 * `CSSStyleSheet` made with `new CSSStyleSheet()` (src/element/styles.ts), so a browser that
 * would need the fallback cannot run the element anyway. A subclass that adds Lit's `css`
 * results still works: their `styleSheet` is adopted, as Lit does. `css`, `unsafeCSS` and
 * `CSSResult` stay Lit's own, for pages that import them from the bundle's Lit.
 *
 * npm builds are untouched: the app's bundler resolves Lit as published.
 */
export function adoptedStylesOnly(): Plugin {
  return {
    name: 'oauth-connect:adopted-styles-only',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      // Lit's module itself, for the names re-exported from it: without side effects, so that what no
      // module uses (its check for adoptable stylesheets) is left out.
      if (importer?.startsWith(replacement)) return { id: source, moduleSideEffects: false };
      if (source != './css-tag.js' || !importer || !/\/@lit\/reactive-element\/reactive-element\.js$/.test(importer))
        return;
      const lit = await this.resolve(source, importer, { ...options, skipSelf: true });
      return lit && cssTag.test(lit.id) ? replacement + '?' + lit.id : undefined;
    },
    load(id) {
      if (!id.startsWith(replacement + '?')) return;
      const lit = JSON.stringify(id.slice(replacement.length + 1));
      return `export { CSSResult, css, supportsAdoptingStyleSheets, unsafeCSS } from ${lit};
export const getCompatibleStyle = (style) => style;
export const adoptStyles = (root, styles) => {
  root.adoptedStyleSheets = styles.map((style) => style.styleSheet ?? style);
};
`;
    },
  };
}
