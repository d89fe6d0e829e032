// An app without React, type-checked by test/types/run.js in a folder of its own where
// @types/react cannot be found: the package's types need React only for oauth-connect/react.
import 'oauth-connect/define';
import 'oauth-connect/locales/fr';
import { registerLocale, type OAuthConnectElement } from 'oauth-connect';

const el: OAuthConnectElement = document.createElement('oauth-connect');
el.server = '/auth';
el.addEventListener('connect-success', (event) => event.detail.responseType);
registerLocale('it', { signIn: 'Accedi' }, { fill: (before) => before });
