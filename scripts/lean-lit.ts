import type { Plugin } from 'vite';

/** `@lit/reactive-element`'s main module, which imports its styling helpers from `./css-tag.js`. */
const reactiveElement = /\/@lit\/reactive-element\/reactive-element\.js$/;
const cssTag = /\/@lit\/reactive-element\/css-tag\.js$/;
const adoptOnly = '\0oauth-connect:adopt-styles-only';

/**
 * What `reactive-element.js` does when it loads, besides defining the class: hands the class to
 * the ShadyDOM polyfill's hook, if a page loaded one, and records its version for Lit's dev-mode
 * warning about several copies on a page. (The bundle's config drops lit-html's and lit-element's
 * own, which are whole statements.)
 */
const registrations =
  /,(\w+)\?\.\(\{ReactiveElement:\w+\}\),\(\w+\.reactiveElementVersions\?\?=\[\]\)\.push\("[\d.]+"\)/;

/**
 * What standard (TC39) decorators need: the `Symbol.metadata` polyfill and the page-wide map of
 * decorated properties set up at load, and the class reading that map when it is defined. Only
 * compiled code has decorators, and compiled code imports the npm package, not this bundle.
 */
const decoratorMetadata = [
  /Symbol\.metadata\?\?=Symbol\("metadata"\),\w+\.litPropertyMetadata\?\?=new WeakMap;/,
  /const (\w+)=this\[Symbol\.metadata\];if\(null!==\1\)\{const (\w+)=litPropertyMetadata\.get\(\1\);if\(void 0!==\2\)for\(const\[(\w+),(\w+)\]of \2\)this\.elementProperties\.set\(\3,\4\)\}/,
];

/**
 * For the self-contained bundles (dist/*.js), which every partner page loads: Lit's
 * `ReactiveElement` without what cannot run there, and shorter (about 440 B gzip).
 *
 * - Its `css-tag.js` becomes two functions that only adopt stylesheets. Lit's own also carries
 *   `CSSResult`, its checks, and a fallback that writes `<style>` elements for browsers without
 *   constructable stylesheets. The element's styles are a `CSSStyleSheet` made with
 *   `new CSSStyleSheet()` (src/element/styles.ts): a browser that would need the fallback cannot
 *   run the element anyway. A subclass's `css` results are adopted by their `styleSheet`, as Lit
 *   does. `css`, `unsafeCSS` and `CSSResult` stay Lit's own, for any module that imports them.
 * - Its load-time registrations (`registrations` above) go: the polyfills need `<style>` elements
 *   too, and the version list only feeds a dev-mode warning.
 * - So does its support for standard decorators (`decoratorMetadata` above), which a page without
 *   a build step cannot write. Lit's other class API (`addInitializer`, controllers, the
 *   `static properties` options) stays: plain script can use it.
 * - Its private members get shorter names (`_$Ei` becomes `$i`), and the names it passes through
 *   `JSCompiler_renameProperty` are written as they are.
 *
 * The build fails if Lit's text is not as expected.
 *
 * npm builds are untouched: the app's bundler resolves Lit as published.
 */
export function leanLit(): Plugin {
  return {
    name: 'oauth-connect:lean-lit',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      // Lit's module itself, for the names re-exported from it: without side effects, so that what no
      // module uses (its check for adoptable stylesheets) is left out.
      if (importer?.startsWith(adoptOnly)) return { id: source, moduleSideEffects: false };
      if (source != './css-tag.js' || !importer || !reactiveElement.test(importer)) return;
      const lit = await this.resolve(source, importer, { ...options, skipSelf: true });
      return lit && cssTag.test(lit.id) ? adoptOnly + '?' + lit.id : undefined;
    },
    load(id) {
      if (!id.startsWith(adoptOnly + '?')) return;
      const lit = JSON.stringify(id.slice(adoptOnly.length + 1));
      return `export { CSSResult, css, supportsAdoptingStyleSheets, unsafeCSS } from ${lit};
export const getCompatibleStyle = (style) => style;
export const adoptStyles = (root, styles) => {
  root.adoptedStyleSheets = styles.map((style) => style.styleSheet ?? style);
};
`;
    },
    transform: {
      filter: { id: reactiveElement },
      handler(code, id) {
        const hook = registrations.exec(code)?.[1];
        const read = new RegExp(`,${hook}=\\w+\\.reactiveElementPolyfillSupport(?=,)`);
        const cuts = [registrations, read, ...decoratorMetadata];
        if (!hook || !cuts.every((cut) => cut.test(code)))
          this.error(`${id} is not as expected: update scripts/lean-lit.ts`);
        // Lit's stand-in for Closure Compiler's `JSCompiler_renameProperty` (it returns the name): the names themselves.
        const rename = /,(\w+)=\((\w+),\w+\)=>\2,/.exec(code)?.[1];
        if (!rename) this.error(`${id} has no JSCompiler_renameProperty: update scripts/lean-lit.ts`);
        const lean = cuts
          .reduce((text, cut) => text.replace(cut, ''), code)
          .replace(new RegExp(`\\b${rename}\\(("\\w+")\\)`, 'g'), '$1')
          // `_$E…`, `_$A…`: ReactiveElement's private members, as Lit's build names them. Here no other
          // Lit package and no other copy of the class uses them: shorter names.
          .replace(/_\$[AE](?=\w)/g, '$');
        return { code: lean, map: null };
      },
    },
  };
}
