// The README's table of createAuthHandler's options against the options the code accepts: the
// names come from the type of createAuthHandler's first parameter, as exported by
// oauth-connect/server, so an option added to the code and not to the README fails here. The table
// is the README's one whose first header cell is "`createAuthHandler` option".
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { codeSpans, readme, repo, tables } from './readme.js';

/** The property names of the type of `createAuthHandler`'s first parameter, read by the compiler. */
const handlerOptions = () => {
  const entry = join(repo, 'src/server/index.ts');
  const program = ts.createProgram([entry], { strict: true, module: ts.ModuleKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry));
  const exported = checker.getExportsOfModule(module).find((symbol) => symbol.name == 'createAuthHandler');
  assert.ok(exported, 'oauth-connect/server exports createAuthHandler');
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const [signature] = checker.getTypeOfSymbol(symbol).getCallSignatures();
  const [options] = signature.getParameters();
  const type = checker.getNonNullableType(checker.getTypeOfSymbol(options));
  return checker.getPropertiesOfType(type).map((property) => property.name);
};

test("the README's table of createAuthHandler options has every option the code accepts, and no other", () => {
  const options = handlerOptions();
  assert.ok(options.includes('secret') && options.includes('providers'), `read from the type: ${options.join(', ')}`);
  const table = tables(readme()).find((candidate) => /^`createAuthHandler` option$/.test(candidate.header[0]));
  assert.ok(table, 'README.md has a table whose first header cell is "`createAuthHandler` option"');
  const documented = table.rows.flatMap((row) => codeSpans(row[0]));
  assert.deepEqual(
    options.filter((name) => !documented.includes(name)),
    [],
    'options missing from the table',
  );
  assert.deepEqual(
    documented.filter((name) => !options.includes(name)),
    [],
    'the table names options the code does not accept',
  );
});
