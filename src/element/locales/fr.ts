/**
 * French: `import 'oauth-connect/locales/fr'` registers it (`oauth-connect/define` imports every language).
 */
import { registerLocale } from '../locales.js';

registerLocale(
  'fr',
  {
    signIn: 'Se connecter',
    signInWith: 'Se connecter avec %',
    connectWith: 'Se connecter à %',
    newWindow: 'ouvre une nouvelle fenêtre',
    waiting: 'En attente de %…',
    waitingSignIn: 'En attente de la connexion…',
    cancel: 'Annuler',
    success: 'Connecté',
    error: 'La connexion a échoué. Réessayez.',
    cancelled: 'Connexion annulée.',
    unavailable: "La connexion n'est pas disponible sur cette page.",
    connectedTo: 'Connecté à %1 en tant que %2',
    connectedAs: 'Connecté en tant que %',
    disconnect: 'Se déconnecter',
    inApp: 'La connexion peut échouer dans cette app.',
    openInBrowser: 'Ouvrir dans votre navigateur',
  },
  {
    // "de" and "que" elide before a vowel or an h: "En attente d'Ulule", "d'UltraCart", "en tant
    // qu'Ada" (an h is taken as mute, as most are in names; É is the one accented capital names
    // commonly start with). Here rather than in the element, so that only a French page pays for it.
    fill: (before, name) => (/^[aeiouhé]/i.test(name) ? before.replace(/\b(d|qu)e $/, "$1'") : before),
    defaults: true,
  },
);
