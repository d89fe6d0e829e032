// The type test: packs the package as npm would publish it, unpacks it into a
// consumer project's node_modules and type-checks test/types/consumer there.
// Needs a build (npm run build); run by `npm run check:package`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

const consumer = 'test/types/consumer';
const packDir = mkdtempSync(join(tmpdir(), 'oauth-connect-pack-'));
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { encoding: 'utf8' }),
  );
  const modules = join(consumer, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  mkdirSync(modules);
  execFileSync('tar', ['-xzf', join(packDir, filename), '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'oauth-connect'));
  // Lit and its types resolve from the project's own node_modules, one level up the tree.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', consumer], { stdio: 'inherit' });
  const readme = join(consumer, 'tsconfig.readme.json');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', readme], { stdio: 'inherit' });
  console.log("types: a consumer type-checks against the packed .d.ts files, and so do the README's snippets");
} catch (error) {
  if (error.status) process.exitCode = 1;
  else throw error;
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
