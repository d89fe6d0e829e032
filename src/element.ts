/**
 * Registers `<oauth-connect>` with the popup mode and English only: the lean path
 * (`import 'oauth-connect/element'`). Add what the page uses: `oauth-connect/modes/server-bound`,
 * `/modes/connected`, `/modes/redirect`, `/modes/issuer`; an element that needs one that is
 * missing says which import in the console.
 */
import { OAuthConnectElement } from './element/oauth-connect.js';
import { takeReturnFromUrl } from './flow/return.js';

// Back from a redirect flow: the code or token leaves the address bar now, as the bundle evaluates,
// not when (or if) its element connects; the element gets it when it does.
takeReturnFromUrl();

if (!customElements.get('oauth-connect')) customElements.define('oauth-connect', OAuthConnectElement);

export * from './index.js';
