/**
 * `oauth-connect/no-import-cycle`: no file reaches itself through its imports,
 * **type-only imports included**.
 *
 * Why not `import-x/no-cycle`: it skips every `import type` edge by design (no
 * option turns that off), and the cycles this project has had run through types:
 * a context file naming its stores' types while each store imports a helper from
 * the context. Such a circle costs nothing at run time but means two files cannot
 * be understood, moved or tested one without the other, which is what the rule is for.
 *
 * The edges come from TypeScript itself: `preProcessFile` lists every import,
 * re-export, `import type`, `import()` and `require` of a file, and
 * `resolveModuleName` resolves them as the compiler does (`./x.js` → `x.ts`).
 * Packages are leaves: only the project's own files are followed.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';

/** How `tsconfig.json` resolves: `./x.js` names `x.ts`; plain JavaScript files are followed too. */
const COMPILER_OPTIONS = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  resolveJsonModule: true,
};

/** A file's resolved imports, kept while the file is unchanged (ESLint lints many files in one process). */
const importsCache = new Map();

const resolve = (specifier, from) => {
  const resolved = ts.resolveModuleName(specifier, from, COMPILER_OPTIONS, ts.sys).resolvedModule;
  return resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined;
};

/** The project files a file imports, in any way, type-only included. */
const importsOf = (file) => {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = importsCache.get(file);
  if (cached?.mtime === mtime) return cached.imports;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [...new Set(importedFiles.map(({ fileName }) => resolve(fileName, file)).filter(Boolean))];
  importsCache.set(file, { mtime, imports });
  return imports;
};

/** The shortest chain of imports from `start` back to `target`, or undefined when there is none. */
const pathBack = (start, target) => {
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift();
    for (const next of importsOf(file)) {
      if (next === target) {
        const chain = [file];
        for (let step = cameFrom.get(file); step !== undefined; step = cameFrom.get(step)) chain.unshift(step);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
};

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between files, type-only imports included.' },
    schema: [],
    messages: {
      cycle:
        'Import cycle: {{chain}}. Type-only imports count: move what both sides need into a file that imports neither.',
    },
  },
  create(context) {
    const filename = context.physicalFilename;
    const check = (node, source) => {
      if (typeof source?.value != 'string') return;
      const target = resolve(source.value, filename);
      if (!target || target === filename) return;
      const chain = pathBack(target, filename);
      if (!chain) return;
      const shown = [filename, ...chain, filename].map((file) => relative(context.cwd, file));
      context.report({ node, messageId: 'cycle', data: { chain: shown.join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      // `import('./x.js').Type` in a type position.
      TSImportType: (node) => check(node, node.argument?.literal ?? node.source),
    };
  },
};
