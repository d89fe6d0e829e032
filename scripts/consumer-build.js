// What an npm user's app pays: a real Vite production build of a small app
// that imports the package as packed for the registry (npm pack), with the
// package's one dependency resolved from this project's node_modules as npm
// would install it. Used by the size test (test/package/size-budget.js), the
// Vite tip's test (test/package/vite-callback-url.js) and `npm run bench`.
// Needs a build (npm run build); it packs without running prepack, which would build again.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');

/**
 * Writes an app whose only module is `main` (its source text) into a new
 * temporary folder, with the packed package installed in its node_modules;
 * returns `{ app, remove }`. `body`: HTML for the page before its script;
 * `lang`: the page's `<html lang>`.
 */
export function writeConsumerApp(main, { body = '', lang } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-connect-consumer-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
        cwd: root,
        encoding: 'utf8',
      }),
    );
    const app = join(dir, 'app');
    const modules = join(app, 'node_modules');
    mkdirSync(modules, { recursive: true });
    execFileSync('tar', ['-xzf', join(dir, filename), '-C', modules]);
    renameSync(join(modules, 'package'), join(modules, 'oauth-connect'));
    // The package's dependencies and theirs, as npm would install them next to it.
    const linked = new Set();
    const link = (name) => {
      if (linked.has(name)) return;
      linked.add(name);
      const from = join(root, 'node_modules', name);
      mkdirSync(dirname(join(modules, name)), { recursive: true });
      symlinkSync(from, join(modules, name));
      Object.keys(JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')).dependencies ?? {}).forEach(link);
    };
    const packed = JSON.parse(readFileSync(join(modules, 'oauth-connect', 'package.json'), 'utf8'));
    Object.keys(packed.dependencies ?? {}).forEach(link);
    const html = lang ? `<!doctype html><html lang="${lang}">` : '<!doctype html>';
    writeFileSync(join(app, 'index.html'), `${html}${body}<script type="module" src="./main.js"></script>\n`);
    writeFileSync(join(app, 'main.js'), main);
    return { app, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * Builds the app of `writeConsumerApp(main, page)` and returns the built files,
 * `{ [path under the app's dist]: Buffer }`. Vite's own modulepreload polyfill
 * is off: it is the app's code, not the package's.
 */
export async function buildConsumerApp(main, page) {
  const { app, remove } = writeConsumerApp(main, page);
  try {
    await build({
      root: app,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: 'dist', modulePreload: { polyfill: false } },
    });
    const files = {};
    const walk = (sub) => {
      for (const entry of readdirSync(join(app, 'dist', sub), { withFileTypes: true }))
        if (entry.isDirectory()) walk(join(sub, entry.name));
        else files[join(sub, entry.name)] = readFileSync(join(app, 'dist', sub, entry.name));
    };
    walk('');
    return files;
  } finally {
    remove();
  }
}

/** The app whose only code is `main` (imports of the package): its JavaScript, concatenated. */
export async function importOnlyApp(main) {
  const files = await buildConsumerApp(main);
  const scripts = Object.entries(files).filter(([name]) => name.endsWith('.js'));
  return { files: scripts.map(([name]) => name), code: Buffer.concat(scripts.map(([, bytes]) => bytes)) };
}

/** The app whose only code is `import 'oauth-connect/define'`: its JavaScript, concatenated. */
export const defineOnlyApp = () => importOnlyApp("import 'oauth-connect/define';\n");
