/**
 * The callback page script: load it on your `redirect_uri` page
 * (`dist/callback.js`, or `import 'oauth-connect/callback'`). It runs at once.
 */
import { handleCallback } from './handle-callback.js';

export { handleCallback, readCallbackParams } from './handle-callback.js';

handleCallback();
