/**
 * Puts `<oauth-connect>` on the page, for both ways in: the npm lean entry (src/element.ts) and the
 * script-tag bundle (src/bundle.ts), which each add their own way to meet a missing language.
 */
import { OAuthConnectElement } from './oauth-connect.js';
import { takeReturnFromUrl } from '../flow/return.js';

// Back from a redirect flow: the code or token leaves the address bar now, as the bundle evaluates,
// not when (or if) its element connects; the element gets it when it does.
takeReturnFromUrl();

if (!customElements.get('oauth-connect')) customElements.define('oauth-connect', OAuthConnectElement);
