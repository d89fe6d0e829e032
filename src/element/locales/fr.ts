/**
 * French: `import 'oauth-connect/locales/fr'` registers it (`oauth-connect/define` imports every language).
 */
import { registerLocale } from '../locales.js';

registerLocale(
  'fr',
  {
    signIn: 'Se connecter',
    signInWith: 'Se connecter avec %',
    newWindow: 'ouvre une nouvelle fenêtre',
    waiting: 'En attente de %…',
    cancel: 'Annuler',
    success: 'Connecté',
    error: 'La connexion a échoué. Réessayez.',
    cancelled: 'Connexion annulée.',
    unavailable: "La connexion n'est pas disponible sur cette page.",
    connectedAs: 'Connecté en tant que %',
    disconnect: 'Se déconnecter',
  },
  {
    // "de" and "que" elide before a vowel or an h: "En attente d'Ulule", "d'UltraCart", "en tant
    // qu'Ada" (an h is taken as mute, as most are in names). Here rather than in the element, so
    // that only a French page pays for it.
    fill: (template, ...names) =>
      template.replace(/(\b(?:d|qu)e )?%(\d?)/g, (_, article = '', n: string) => {
        const name = names[n ? +n - 1 : 0] ?? '';
        return (article && /^[aeiouhàâäéèêëîïôöùûü]/i.test(name) ? article.slice(0, -2) + "'" : article) + name;
      }),
    defaults: true,
  },
);
