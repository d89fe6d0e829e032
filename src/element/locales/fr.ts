// The French strings, loaded only on pages in French (see ../locales.ts); order as in `keys` there.
export default "Se connecter|Se connecter avec %|ouvre une nouvelle fenêtre|En attente de %…|Annuler|Connecté|La connexion a échoué. Réessayez.|Connexion annulée.|La connexion n'est pas disponible sur cette page.|Connecté en tant que %|Se déconnecter";
