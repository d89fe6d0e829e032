/**
 * Byte budgets, gzip -9 (scripts/sizes.js): the one list that the size test
 * (test/package/size-budget.js) enforces and `npm run bench` reports against.
 *
 * The byte budget: sizes are deterministic, so npm test enforces
 * them. When a feature breaks the budget, make the code smaller; the numbers
 * below only ever move down (10,628: the languages as modules with their loader, +123, and the UltraCart token URL, +4, are
 * in since 10,501; 10,673 with a preset's action and English "Connect to %", +45, for UltraCart's button; 10,665 with the options
 * checked when they change, one set of live elements and unquoted CSS values; 10,705 with mode="auto"'s loader entry and
 * choice of mode). Every partner pays for dist/oauth-connect.js (the element, the popup mode, English, every setup check
 * and the loaders); a mode or a language costs only the pages that use it. It is within its 10,000 bytes since
 * 2026-12-07 (9,987): Lit without what cannot run in a script-tag bundle (scripts/lean-lit.ts, -440), the modes and
 * languages imported by URL (-64), the npm-only language warning in the npm entry (-31), the connected look's words and
 * picture rule in modes/connected (-45), the shadow parts as a tuple (-31), smaller code (-107).
 */
export const budgets = {
  'dist/oauth-connect.js': 10000,
  'dist/callback.js': 1000,
  'dist/modes/server-bound.js': 1000,
  'dist/modes/connected.js': 600,
  'dist/modes/redirect.js': 1000,
  'dist/modes/issuer.js': 450,
  // mode="auto", which imports modes/redirect.js: the detection, the hint, the way out and the English
  // words (the table is dist/in-app-browsers.js, which it imports).
  'dist/modes/auto.js': 1000,
  // Each language module beside the bundle: its strings and, for French, its fill rule (450 with
  // "Connect to %"; 500 at most with the in-app hint's two strings).
  'dist/locales/fr.js': 450,
  'dist/locales/es.js': 450,
  'dist/locales/de.js': 450,
  // The in-app browser table, data only (382 B for eleven apps): room for a few more apps.
  'dist/in-app-browsers.js': 400,
};
