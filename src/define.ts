/**
 * Registers `<oauth-connect>`. This is the one module with a side effect;
 * `dist/oauth-connect.js` is built from it for `<script type="module">` pages.
 */
import { OAuthConnectElement } from './element/oauth-connect.js';
import { takeReturnFromUrl } from './flow/redirect.js';
// Every language: `oauth-connect/define` is the path that has them all, as it always had.
import './element/locales/fr.js';
import './element/locales/es.js';
import './element/locales/de.js';

// Back from a redirect flow: the code or token leaves the address bar now, not when (or if) its
// element connects; the element gets it when it does.
takeReturnFromUrl();

if (!customElements.get('oauth-connect')) customElements.define('oauth-connect', OAuthConnectElement);

export * from './index.js';
