// The language files for the npm build: src/element/locales/*.json to
// dist/lib/element/locales/, beside the module that fetches them (tsc copies no
// JSON that nothing imports). Minified, as the script-tag bundle's are (scripts/locale-files.ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const from = new URL('../src/element/locales/', import.meta.url);
const to = new URL('../dist/lib/element/locales/', import.meta.url);
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from).filter((file) => file.endsWith('.json')))
  writeFileSync(new URL(name, to), JSON.stringify(JSON.parse(readFileSync(new URL(name, from), 'utf8'))));
