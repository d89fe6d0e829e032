/**
 * The script-tag bundle, `dist/oauth-connect.js`: the lean element (popup mode, English) plus
 * loaders that import a missing mode or the page's language from beside it (`dist/modes/<name>.js`,
 * `dist/locales/<lang>.js`) when an element needs it. The only `import()` in the package: npm
 * builds (dist/lib) leave module loading to the app's bundler. Each file in dist/modes/ and
 * dist/locales/ imports this bundle, so that its own script tag is enough.
 */
import { modes, setModeLoader, type Mode, type ModeElement, type ModeName } from './element/modes/mode.js';
import { setLocaleLoader } from './element/locales.js';
import './element/register.js';
import { missingMode } from './flow/errors.js';
import type { ConnectResult } from './flow/callback-result.js';
import type { ConnectOptions } from './flow/options.js';
import type { OnStart, PendingFlow } from './flow/session.js';

/**
 * The modes and languages a bundle can load, for this module run as it is (the component tests).
 * The build emits each as dist/modes/<name>.js, dist/locales/<lang>.js (vite.config.ts), and the
 * bundle imports them by URL instead: that way it carries none of these lines.
 */
const files: Partial<Record<string, () => Promise<unknown>>> = {
  redirect: () => import('./element/modes/redirect.js'),
  issuer: () => import('./element/modes/issuer.js'),
  'server-bound': () => import('./element/modes/server-bound.js'),
  connected: () => import('./element/modes/connected.js'),
  auto: () => import('./element/modes/auto.js'),
  fr: () => import('./element/locales/fr.js'),
  es: () => import('./element/locales/es.js'),
  de: () => import('./element/locales/de.js'),
};

declare global {
  interface ImportMeta {
    /** `BUNDLE`: true in the built dist/oauth-connect.js (vite.config.ts). */
    readonly env?: { readonly BUNDLE?: boolean };
  }
}

/** Imports `folder/name.js` beside the bundle; a file that does not load is one warning that names it. */
const beside = (folder: string, name: string): Promise<unknown> => {
  // Concatenated, not a template: Vite would take a template literal for a glob of its own.
  const url = new URL(folder + name + '.js', import.meta.url);
  return (
    import.meta.env?.BUNDLE
      ? // A name, never a path (`mode="../x"`): only the files beside the bundle.
        /^[\w-]+$/.test(name)
        ? import(/* @vite-ignore */ url.href)
        : Promise.reject()
      : (files[name]?.() ?? Promise.reject())
  ).catch((error) => {
    console.warn(`oauth-connect: ${url} did not load.`);
    throw error;
  });
};

setModeLoader((name: ModeName) =>
  beside('modes/', name).catch(() => {
    throw missingMode(name);
  }),
);
// A language that does not load leaves the element in English: sign-in still works.
setLocaleLoader((lang) => void beside('locales/', lang).catch(() => {}));

/**
 * `startFlow` and `connect` as the npm package has them, with the redirect leg and discovery of the
 * modes loaded so far (`mode: 'redirect'` needs modes/redirect.js on the page, `issuer` without
 * `authorizeUrl` modes/issuer.js): the bundle does not carry them for pages that never use them.
 * (These local exports win over the same names from the star export below.)
 */
export const startFlow = (options: ConnectOptions, onStart?: OnStart): PendingFlow =>
  // (The popup flow calls `onStart` only if there is one.)
  (modes.popup as Required<Mode>).start(options as ModeElement, onStart as OnStart) as PendingFlow;
export const connect = (options: ConnectOptions, onStart?: OnStart): Promise<ConnectResult> =>
  startFlow(options, onStart).result;

export { registerMode } from './element/modes/mode.js';
export * from './index.js';
