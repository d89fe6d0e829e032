/**
 * Registers `<oauth-connect>` with the popup mode and English only: the lean path
 * (`import 'oauth-connect/element'`). Add what the page uses: `oauth-connect/modes/server-bound`,
 * `/modes/connected`, `/modes/redirect`, `/modes/issuer`; an element that needs one that is
 * missing says which import in the console.
 */
import { setLocaleLoader } from './element/locales.js';
import './element/register.js';

// A page in a language whose module it did not import: English, and the console says which import
// (the script-tag bundle loads the module instead, src/bundle.ts; only npm pages carry these words).
setLocaleLoader((lang) =>
  console.warn(`oauth-connect: lang="${lang}" is English until you import 'oauth-connect/locales/${lang}'.`),
);

export * from './index.js';
