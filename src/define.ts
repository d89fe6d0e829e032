/**
 * Registers `<oauth-connect>` with every mode: `import 'oauth-connect/define'`, as it always did.
 * A page that wants to pay only for what it uses imports `oauth-connect/element` and the modes it
 * needs instead.
 */
import './element/modes/redirect.js';
import './element/modes/issuer.js';
import './element/modes/server-bound.js';
import './element/modes/connected.js';

export * from './element.js';
