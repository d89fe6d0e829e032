import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type BuildEnvironmentOptions } from 'vite';
import { mockProviderPlugin } from './demo/mock-provider-plugin.js';
import { leanLit } from './scripts/lean-lit.js';
import { minifyTemplates } from './scripts/minify-templates.js';

/**
 * `vite` (npm start) serves the demo; `vite build` writes the script-tag
 * bundle `dist/oauth-connect.js` (src/bundle.ts), the modes and languages it loads beside itself
 * (`dist/modes/*.js`, `dist/locales/*.js`), `vite build --mode callback` the
 * callback page script `dist/callback.js`, and `vite build --mode in-app-browsers`
 * the in-app browser table `dist/in-app-browsers.js` (released on its own when an app changes). They are separate builds so that
 * each file is self-contained (one build with two entries would share chunks).
 */
export default defineConfig(({ mode }) => ({
  root: 'demo',
  // strictPort: the mock provider registers this exact origin's redirect URIs.
  server: { port: 5173, strictPort: true },
  plugins: [minifyTemplates(), leanLit(), mockProviderPlugin()],
  // The framework examples (demo/examples) import the package by name, as partners do.
  resolve: {
    alias: [
      { find: 'oauth-connect/define', replacement: fileURLToPath(new URL('src/define.ts', import.meta.url)) },
      { find: /^oauth-connect$/, replacement: fileURLToPath(new URL('src/index.ts', import.meta.url)) },
      // The Vue example compiles its template in the browser: Vue's full build.
      { find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' },
    ],
  },
  build: bundleBuild(mode),
  // The script-tag bundle imports the modes and languages beside it by URL (src/bundle.ts).
  define: mode == 'production' ? { 'import.meta.env.BUNDLE': 'true' } : {},
}));

/** The modules only the files beside the bundle use: the modes' own code and the languages. */
const loadedBeside =
  /\/src\/(element\/modes\/(redirect|issuer|server-bound|connected|auto)|element\/locales\/\w+|flow\/(redirect|issuer|server-bound|environment))\.ts$/;

/**
 * The files the bundle loads beside itself, each an entry of the script-tag build: dist/modes/<name>.js
 * for each mode module (src/element/modes/, but mode.ts, the modes' interface) and
 * dist/locales/<lang>.js for each language. The bundle imports them by URL, so it names none of them.
 */
const beside = Object.fromEntries(
  ['modes', 'locales'].flatMap((folder) =>
    readdirSync(new URL(`src/element/${folder}/`, import.meta.url))
      .filter((file) => file.endsWith('.ts') && file != 'mode.ts')
      .map((file) => [`${folder}/${file.slice(0, -3)}`, `../src/element/${folder}/${file}`]),
  ),
);

/** The in-app browser table's module, as imported (`../in-app-browsers.js`) and as resolved. */
const inAppTable = /\/in-app-browsers\.[jt]s$/;

/**
 * The self-contained bundles. `--mode baseline` builds the benchmark's
 * Lit-only element with exactly the same settings (see bench/run.js).
 */
function bundleBuild(mode: string): BuildEnvironmentOptions {
  const [entry, fileName, outDir] =
    mode == 'callback'
      ? ['../src/callback/index.ts', 'callback.js', '../dist']
      : mode == 'in-app-browsers'
        ? ['../src/in-app-browsers.ts', 'in-app-browsers.js', '../dist']
        : mode == 'baseline'
          ? ['../bench/lit-baseline.ts', 'lit-baseline.js', '../node_modules/.cache/oauth-connect-bench']
          : ['../src/bundle.ts', 'oauth-connect.js', '../dist'];
  return {
    outDir,
    emptyOutDir: mode != 'callback' && mode != 'in-app-browsers',
    target: 'es2022',
    minify: true,
    lib: {
      entry: mode == 'production' ? { 'oauth-connect': entry, ...beside } : entry,
      formats: ['es'],
      fileName: (_, name) => (mode == 'production' ? name + '.js' : fileName),
    },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      // The in-app browser table is released on its own (dist/in-app-browsers.js, its own build):
      // modes/auto.js imports it from there rather than carrying a copy.
      external: (id: string) => mode != 'in-app-browsers' && inAppTable.test(id),
      // The element imports only @lit/reactive-element. Should 'lit' come in
      // (the bench's baseline imports it), lit-html and lit-element only
      // register their version and polyfill hooks at load: harmless to drop.
      treeshake: { moduleSideEffects: (id) => !/\/node_modules\/(lit|lit-html|lit-element)\//.test(id) },
      output: {
        // Vite's library mode keeps whitespace and /* @__PURE__ */ comments in
        // ES output, for the app bundler that re-minifies it. These bundles go
        // straight to a browser, so they get oxc's full minification (smaller
        // than esbuild's and terser's here: `npm run bench` compares them).
        minify: true,
        comments: false,
        paths: (id: string) => (inAppTable.test(id) ? './in-app-browsers.js' : id),
        // What the bundle holds stays in it: a mode or a language (`beside`) imports it from
        // ../oauth-connect.js, and no chunk is shared between them (each one's own script tag is enough).
        codeSplitting: { groups: [{ name: 'oauth-connect', test: (id: string) => !loadedBeside.test(id) }] },
      },
    },
  };
}
