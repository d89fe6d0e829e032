/**
 * The words of the provider's pages, in English and French. A page speaks the
 * first of these that the authorization request's `ui_locales` (OpenID Connect
 * Core §3.1.2.1) names, else the browser's `Accept-Language`, else English.
 */
export type Locale = 'en' | 'fr';

export interface PageText {
  lang: Locale;
  badge: string;
  footer: string;
  signInTitle: string;
  signInHeading: (client: string) => string;
  signInLead: string;
  email: string;
  password: string;
  signInButton: string;
  noAccount: string;
  createLink: string;
  testAccount: string;
  signUpTitle: string;
  signUpHeading: (client: string) => string;
  signUpLead: string;
  fullName: string;
  passwordHint: string;
  signUpButton: string;
  haveAccount: string;
  signInLink: string;
  consentTitle: string;
  consentHeading: (client: string) => string;
  notYou: string;
  consentLead: (client: string) => string;
  revocable: string;
  deny: string;
  allow: string;
  errorTitle: string;
  errorHeading: string;
  errorExplain: string;
  errorCode: string;
  wrongPassword: string;
  enterName: string;
  enterEmail: string;
  shortPassword: string;
  accountExists: string;
  /** The default scopes' descriptions (a partner's own scopes are shown as given). */
  scopes: Record<string, string>;
}

const en: PageText = {
  lang: 'en',
  badge: 'Test only',
  footer: 'A local OAuth 2 test double from oauth-connect. Never enter a real password here.',
  signInTitle: 'Sign in',
  signInHeading: (client) => `Sign in to continue to ${client}`,
  signInLead: 'Use your Mock provider account.',
  email: 'Email',
  password: 'Password',
  signInButton: 'Sign in',
  noAccount: 'No account yet?',
  createLink: 'Create an account',
  testAccount: 'Test account:',
  signUpTitle: 'Create an account',
  signUpHeading: (client) => `Create your account to continue to ${client}`,
  signUpLead: 'It takes a few seconds. This account only exists in this mock provider.',
  fullName: 'Full name',
  passwordHint: 'At least 8 characters.',
  signUpButton: 'Create account',
  haveAccount: 'Already have an account?',
  signInLink: 'Sign in',
  consentTitle: 'Authorize',
  consentHeading: (client) => `${client} wants to access your account`,
  notYou: 'Not you?',
  consentLead: (client) => `If you allow it, ${client} will be able to:`,
  revocable: 'You can revoke this access at any time.',
  deny: 'Deny',
  allow: 'Allow',
  errorTitle: 'Sign-in request rejected',
  errorHeading: "This sign-in request can't continue",
  errorExplain:
    'The application that sent you here is misconfigured, so you were not sent back to it. You can close this window.',
  errorCode: 'Error code:',
  wrongPassword: 'The email or password is incorrect.',
  enterName: 'Enter your name.',
  enterEmail: 'Enter a valid email address.',
  shortPassword: 'Choose a password of at least 8 characters.',
  accountExists: 'An account with this email already exists. Sign in instead.',
  scopes: { openid: 'Know who you are' },
};

const fr: PageText = {
  lang: 'fr',
  badge: 'Test seulement',
  footer: 'Un fournisseur OAuth 2 de test, local, fourni par oauth-connect. N’y saisissez jamais un vrai mot de passe.',
  signInTitle: 'Connexion',
  signInHeading: (client) => `Connectez-vous pour continuer vers ${client}`,
  signInLead: 'Utilisez votre compte Mock provider.',
  email: 'E-mail',
  password: 'Mot de passe',
  signInButton: 'Se connecter',
  noAccount: 'Pas encore de compte ?',
  createLink: 'Créer un compte',
  testAccount: 'Compte de test :',
  signUpTitle: 'Créer un compte',
  signUpHeading: (client) => `Créez votre compte pour continuer vers ${client}`,
  signUpLead: 'Quelques secondes suffisent. Ce compte n’existe que dans ce fournisseur de test.',
  fullName: 'Nom complet',
  passwordHint: 'Au moins 8 caractères.',
  signUpButton: 'Créer le compte',
  haveAccount: 'Déjà un compte ?',
  signInLink: 'Se connecter',
  consentTitle: 'Autorisation',
  consentHeading: (client) => `${client} demande l’accès à votre compte`,
  notYou: 'Ce n’est pas vous ?',
  consentLead: (client) => `Si vous l’autorisez, ${client} pourra :`,
  revocable: 'Vous pouvez retirer cet accès à tout moment.',
  deny: 'Refuser',
  allow: 'Autoriser',
  errorTitle: 'Demande de connexion refusée',
  errorHeading: 'Cette demande de connexion ne peut pas aboutir',
  errorExplain:
    'L’application qui vous a envoyé ici est mal configurée : vous n’y avez donc pas été renvoyé. Vous pouvez fermer cette fenêtre.',
  errorCode: 'Code d’erreur :',
  wrongPassword: 'L’e-mail ou le mot de passe est incorrect.',
  enterName: 'Saisissez votre nom.',
  enterEmail: 'Saisissez une adresse e-mail valide.',
  shortPassword: 'Choisissez un mot de passe d’au moins 8 caractères.',
  accountExists: 'Un compte existe déjà avec cet e-mail. Connectez-vous plutôt.',
  scopes: {
    profile: 'Voir votre nom et votre profil public',
    email: 'Voir votre adresse e-mail',
    'projects:read': 'Voir les projets que vous avez créés ou soutenus',
    'orders:read': 'Voir vos commandes',
    openid: 'Savoir qui vous êtes',
  },
};

export const PAGE_TEXT: Record<Locale, PageText> = { en, fr };

/** `fr-CA` → `fr`; anything else than English or French is skipped. */
const known = (tag: string): Locale | undefined => {
  const language = tag.trim().toLowerCase().split('-')[0];
  return language == 'en' || language == 'fr' ? language : undefined;
};

/** The page language: `ui_locales` (space-separated, in order of preference), then `Accept-Language` (by q). */
export const pickLocale = (uiLocales: string | undefined, acceptLanguage: string | undefined): Locale => {
  for (const tag of (uiLocales ?? '').split(' ')) {
    const locale = known(tag);
    if (locale) return locale;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.split(';');
      const q = Number(/q=([\d.]+)/.exec(rest.join(';'))?.[1] ?? 1);
      return { locale: known(tag), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.locale && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.locale ?? 'en';
};
