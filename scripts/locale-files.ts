import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Where the language files are, beside src/element/locales.ts. */
const folder = new URL('../src/element/locales/', import.meta.url);

/** The `new URL(…)` of src/element/locales.ts, in the form app bundlers follow. */
const bundlerForm = /new URL\(`\.\/locales\/\$\{(\w+)\}\.json\?no-inline`, import\.meta\.url\)/;

/** The warning's advice for Vite's dev server, which the script-tag bundle never runs in. */
const viteDevAdvice = / \+\s*"\. In Vite's dev server, add 'oauth-connect' to optimizeDeps\.exclude\."/;

/**
 * For the script-tag bundle: the language files go to `dist/locales/<lang>.json`
 * (stable names, minified), and their URL is plain `locales/<lang>.json` beside
 * the bundle. Left to Vite, the template-literal URL becomes a map of every
 * file's URL in the bundle, root-relative (`/fr.json`) in library mode, so the
 * bundle would then work only when served from the site's root.
 */
export function localeFiles(): Plugin {
  const langs = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -5));
  // Only a build that holds the element writes its files (not the callback page's, nor the bench's baseline).
  let fetchesLocales = false;
  return {
    name: 'oauth-connect:locale-files',
    apply: 'build',
    enforce: 'pre',
    transform: {
      filter: { id: /\/src\/element\/locales\.ts$/ },
      handler(code) {
        if (!bundlerForm.test(code)) this.error(`locale-files: no ${bundlerForm} in src/element/locales.ts`);
        // The list of languages in the source must be the folder's, or a file would never be fetched.
        const listed = /const files = \[([^\]]*)\]/.exec(code)?.[1]?.match(/[\w-]+/g) ?? [];
        if (listed.sort().join() != [...langs].sort().join())
          this.error(`locale-files: src/element/locales.ts lists ${listed}, the folder holds ${langs}`);
        fetchesLocales = true;
        if (!viteDevAdvice.test(code)) this.error(`locale-files: no ${viteDevAdvice} in src/element/locales.ts`);
        return code
          .replace(bundlerForm, "new URL('locales/' + $1 + '.json', import.meta.url)")
          .replace(viteDevAdvice, '');
      },
    },
    generateBundle() {
      if (fetchesLocales)
        for (const lang of langs)
          this.emitFile({
            type: 'asset',
            fileName: `locales/${lang}.json`,
            source: JSON.stringify(JSON.parse(readFileSync(new URL(`${lang}.json`, folder), 'utf8'))),
          });
    },
  };
}
