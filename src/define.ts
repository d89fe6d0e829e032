/**
 * Registers `<oauth-connect>` with every mode and language: `import 'oauth-connect/define'`, as it always did.
 * A page that wants to pay only for what it uses imports `oauth-connect/element` and the modes and languages it
 * needs instead.
 */
import './element/modes/redirect.js';
import './element/modes/issuer.js';
import './element/modes/server-bound.js';
import './element/modes/connected.js';
import './element/modes/auto.js';
// Every language: `oauth-connect/define` is the path that has them all, as it always had.
import './element/locales/fr.js';
import './element/locales/es.js';
import './element/locales/de.js';

export * from './element.js';
