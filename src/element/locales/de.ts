/**
 * German: `import 'oauth-connect/locales/de'` registers it (`oauth-connect/define` imports every language).
 */
import { registerLocale } from '../locales.js';

registerLocale(
  'de',
  {
    signIn: 'Anmelden',
    signInWith: 'Mit % anmelden',
    connectWith: 'Mit % verbinden',
    newWindow: 'öffnet ein neues Fenster',
    waiting: 'Warten auf %…',
    waitingSignIn: 'Warten auf die Anmeldung…',
    cancel: 'Abbrechen',
    success: 'Verbunden',
    error: 'Anmeldung fehlgeschlagen. Bitte erneut versuchen.',
    cancelled: 'Anmeldung abgebrochen.',
    unavailable: 'Die Anmeldung ist auf dieser Seite nicht verfügbar.',
    connectedTo: 'Verbunden mit %1 als %2',
    connectedAs: 'Verbunden als %',
    disconnect: 'Trennen',
    inApp: 'Die Anmeldung klappt in dieser App vielleicht nicht.',
    openInBrowser: 'Im Browser öffnen',
  },
  { defaults: true },
);
