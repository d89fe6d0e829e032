import { buildAuthorizeUrl } from './authorize-url.js';
import { parseCallback, type ConnectResult, type ExpectedCallback } from './callback-result.js';
import { ConnectError, missingMode } from './errors.js';
import { resolveOptions, type ConnectOptions, type ResolvedOptions } from './options.js';
import { REDIRECT_STATE_MARK } from '../protocol/callback.js';
import { createPkcePair, randomToken, takePkce, type PkcePair } from './secrets.js';
import { popupSession, type OnStart, type PendingFlow } from './session.js';

/**
 * What the popup flow borrows from the modules a page may leave out (each costs every visitor
 * bytes): the redirect leg (redirect.ts) and discovery (issuer.ts). The full `startFlow`
 * (connect.ts) lends both; the element lends what its page imported.
 */
export interface FlowLegs {
  /** Keeps what the return needs (throws when storage is refused: then the page must not leave). */
  saveRedirect?: (options: ConnectOptions, resolved: ResolvedOptions, expected: ExpectedCallback) => void;
  /** Fetches an issuer's metadata; settles once `resolveOptions` can see it. */
  discover?: (issuer: string) => Promise<unknown>;
}

/**
 * Starts a flow. Everything up to `window.open` runs synchronously, so calling
 * this from a click handler keeps the user activation the popup blocker asks
 * for. Never throws: every failure settles `result`.
 * @param popup a popup opened already (blank), for a click that came before the mode's module.
 */
export const startPopupFlow = (
  options: ConnectOptions,
  onStart: OnStart | undefined,
  { saveRedirect, discover }: FlowLegs,
  popup?: Window | null,
): PendingFlow => {
  // Marked when the flow may go through sessionStorage (redirect.ts), so that a plain popup flow's callback page need not look.
  const mayRedirect = options.mode == 'redirect' || options.fallback == 'redirect';
  const state = (mayRedirect ? REDIRECT_STATE_MARK : '') + randomToken();
  // One controller owns every listener and timer of the flow: cleanup is one abort() (session.ts).
  const session = popupSession<ConnectResult>(state, options);
  const { flow, signal, settle } = session;

  try {
    let resolved = resolveOptions(options);
    const usePkce = resolved.responseType == 'code' && !options.noPkce;
    const ready = usePkce ? takePkce() : undefined;
    // OpenID Connect Core §3.1.2.1: a nonce binds the ID token to this flow. Random bytes are synchronous: nothing awaits.
    const nonce =
      resolved.responseType == 'code' && resolved.scope?.split(' ').includes('openid') ? randomToken() : undefined;
    // The options as checked (parseCallback reads the response type, redirect URI and issuer) and this
    // flow's own values; a redirect flow keeps it whole in sessionStorage, with its options.
    const expected: ExpectedCallback = { ...resolved, state, nonce, provider: options.provider };
    /** Records the PKCE pair (if any) and returns the authorize URL to open. */
    const begin = (pair: PkcePair | undefined) => {
      expected.codeVerifier = pair?.codeVerifier;
      expected.requireIss = resolved.requireIss;
      const url = buildAuthorizeUrl(resolved, state, pair?.codeChallenge, nonce);
      onStart?.({ state, url });
      return url;
    };
    // Without a pair prepared ahead (the first click within milliseconds of
    // loading, two flows at once), one is made now, after the popup opened.
    // An issuer without authorize-url whose metadata has not arrived: the popup waits for it too.
    const discovering = !resolved.authorizeUrl;
    const pkce = (): Promise<PkcePair | undefined> =>
      Promise.all([
        usePkce && !ready ? createPkcePair() : ready,
        // Resolved again with the metadata; throws (invalid_config) when discovery failed.
        discovering &&
          (discover ?? missing('issuer'))(resolved.issuer as string).then(() => (resolved = resolveOptions(options))),
      ]).then(([pair]) => pair);
    const failed = (error: unknown) =>
      settle(
        (error as ConnectError).error
          ? (error as ConnectError)
          : new ConnectError(
              'invalid_config',
              'oauth-connect: PKCE needs https; a redirect flow needs sessionStorage too.',
            ),
      );
    const redirect = () =>
      pkce()
        .then((pair) => {
          if (signal.aborted) return;
          const url = begin(pair);
          // Throws when storage is refused (blocked cookies): then the page must not leave.
          (saveRedirect ?? missing('redirect'))(options, resolved, expected);
          session.leave(); // the page leaves; the result arrives on its next load
          location.assign(url);
        })
        .catch(failed);

    if (options.mode == 'redirect') {
      redirect();
      return flow;
    }
    const url = (usePkce && !ready) || discovering ? 'about:blank' : begin(ready);
    session.callback = new URL(resolved.redirectUri);
    const opened = session.open(url, popup);
    if (!opened) {
      if (options.fallback == 'redirect') redirect();
      else settle(new ConnectError('popup_blocked', 'The browser blocked the sign-in window.'));
      return flow;
    }
    if (url == 'about:blank')
      pkce().then((pair) => {
        if (!signal.aborted) opened.location.href = begin(pair);
      }, failed);

    session.receive({ state, popup: opened, redirectUri: resolved.redirectUri }, (params) => {
      try {
        settle(parseCallback(params, expected));
      } catch (error) {
        settle(error as Error);
      }
    });
    session.guard(resolved.timeout, options.signal);
  } catch (error) {
    settle(error as Error);
  }
  return flow;
};

/** A leg the page did not import: said in words that name the import. */
const missing = (mode: string): never => {
  throw missingMode(mode);
};
