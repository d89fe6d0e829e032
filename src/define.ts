/**
 * Registers `<oauth-connect>`. This is the one module with a side effect;
 * `dist/oauth-connect.js` is built from it for `<script type="module">` pages.
 */
import { OAuthConnectElement } from './element/oauth-connect.js';

if (!customElements.get('oauth-connect')) customElements.define('oauth-connect', OAuthConnectElement);

export * from './index.js';
