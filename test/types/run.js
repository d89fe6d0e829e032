// The type test: packs the package as npm would publish it, unpacks it into a
// consumer project's node_modules and type-checks test/types/consumer there (an
// app, the README's snippets, a React 19 app with oauth-connect/react); then
// test/types/no-react in a folder outside the project, where @types/react cannot
// be found. Needs a build (npm run build); run by `npm run check:package`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';

const tsc = resolve('node_modules/typescript/bin/tsc');

/** Unpacks the tarball into `modules`/oauth-connect. */
const unpack = (tarball, modules) => {
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'oauth-connect'));
};

const consumer = 'test/types/consumer';
const packDir = mkdtempSync(join(tmpdir(), 'oauth-connect-pack-'));
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { encoding: 'utf8' }),
  );
  const modules = join(consumer, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  unpack(join(packDir, filename), modules);
  // Lit and its types resolve from the project's own node_modules, one level up the tree.
  execFileSync(process.execPath, [tsc, '-p', consumer], { stdio: 'inherit' });
  const readme = join(consumer, 'tsconfig.readme.json');
  execFileSync(process.execPath, [tsc, '-p', readme], { stdio: 'inherit' });
  execFileSync(process.execPath, [tsc, '-p', join(consumer, 'tsconfig.react.json')], { stdio: 'inherit' });
  console.log(
    "types: a consumer type-checks against the packed .d.ts files, and so do the README's snippets and a React 19 app",
  );

  // Without React: outside the project, the package and its dependencies as npm installs them, nothing else.
  const app = join(packDir, 'no-react');
  cpSync('test/types/no-react', app, { recursive: true });
  unpack(join(packDir, filename), join(app, 'node_modules'));
  const link = (name) => {
    const from = resolve('node_modules', name);
    mkdirSync(join(app, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(from, join(app, 'node_modules', name));
    Object.keys(JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')).dependencies ?? {}).forEach(link);
  };
  link('@lit/reactive-element');
  execFileSync(process.execPath, [tsc, '-p', app], { stdio: 'inherit' });
  // The control: oauth-connect/react there fails for want of React's types, so the check above ran without them.
  let control = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', join(app, 'tsconfig.control.json')], { encoding: 'utf8' });
  } catch (error) {
    control = error.stdout;
  }
  if (!/Cannot find module 'react'/.test(control))
    throw Object.assign(new Error(`types: oauth-connect/react compiled without @types/react: ${control}`), {
      status: 1,
    });
  console.log('types: an app without @types/react type-checks; only oauth-connect/react asks for it');
} catch (error) {
  if (error.status) {
    if (error.message.startsWith('types:')) console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
