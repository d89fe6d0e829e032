/**
 * The package version. The callback page sends it with its message so that the element can say
 * when the page runs another release of `callback.js` (a stale copy on the partner's server).
 * test/unit/version.test.ts keeps it equal to package.json's.
 */
export const VERSION = '0.1.0';
