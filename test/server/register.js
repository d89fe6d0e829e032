// Lets `node --test` run the server tests in TypeScript against src/ as it is,
// without a build: TypeScript's own transpiler (already a dev dependency) strips
// the types, and `./x.js` imports resolve to `./x.ts` as in the editor.
import { register } from 'node:module';

register('./typescript-hooks.js', import.meta.url);
