// The German strings, loaded only on pages in German (see ../locales.ts); order as in `keys` there.
export default 'Anmelden|Mit % anmelden|öffnet ein neues Fenster|Warten auf %…|Abbrechen|Verbunden|Anmeldung fehlgeschlagen. Bitte erneut versuchen.|Anmeldung abgebrochen.|Die Anmeldung ist auf dieser Seite nicht verfügbar.|Verbunden als %|Trennen';
