/**
 * The script-tag bundle, `dist/oauth-connect.js`: the lean element (popup mode, English) plus a
 * loader that imports a missing mode from beside it (`dist/modes/<name>.js`) when an element needs
 * it. The only `import()` in the package: npm builds (dist/lib) leave module loading to the app's
 * bundler. Each file in dist/modes/ imports this bundle, so that its own script tag is enough.
 */
import { missingMode, setModeLoader, type ModeName } from './element/modes/mode.js';

/** The modes a bundle can load; the build emits each as dist/modes/<name>.js. */
const files: Partial<Record<ModeName, () => Promise<unknown>>> = {
  redirect: () => import('./element/modes/redirect.js'),
  issuer: () => import('./element/modes/issuer.js'),
  'server-bound': () => import('./element/modes/server-bound.js'),
  connected: () => import('./element/modes/connected.js'),
};

setModeLoader((name: ModeName) => {
  const load = files[name];
  const failed = () => {
    const file = new URL(`modes/${name}.js`, import.meta.url).href;
    console.warn(
      `oauth-connect: ${load ? file + ' did not load' : `there is no mode "${name}"`}; serve dist/modes/ beside oauth-connect.js.`,
    );
    throw missingMode(name);
  };
  return load ? load().catch(failed) : Promise.reject().catch(failed);
});

export { registerMode } from './element/modes/mode.js';
export * from './element.js';
