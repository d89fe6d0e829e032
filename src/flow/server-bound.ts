/**
 * The server-bound flow (RFC 10017's backend for frontend): the partner's
 * auth handler (`createAuthHandler` of `oauth-connect/server`, mounted at
 * `server`) chooses the authorize URL, keeps the PKCE verifier and every
 * token, and binds the flow to this browser by an HttpOnly cookie. The page
 * only carries the callback's parameters from the popup to `complete` once:
 * the code in them is useless without the verifier the server keeps.
 */
import type { BFF_HEADER, BFF_HEADER_VALUE, BffRoute, CompleteAnswer, StartAnswer } from '../protocol/bff.js';
import type { CallbackParams } from '../protocol/callback.js';
import { ConnectError } from './errors.js';
import { popupSession, type PendingFlow } from './session.js';

/** Who signed in, as the server tells the page (never a token). */
export interface ConnectAccount {
  id?: string;
  name: string;
  email?: string;
  picture?: string;
}

/** The result of a server-bound flow: the server holds the tokens, the page learns who signed in. */
export interface SessionResult {
  responseType: 'session';
  /** Never set; declared so that event-mode code reading `detail.code` / `detail.accessToken` still type-checks. */
  code?: undefined;
  accessToken?: undefined;
  account: ConnectAccount;
  state: string;
  provider?: string;
  issuer?: string;
}

/** What `POST {server}/start` answers. */
export type ServerStart = StartAnswer;

export interface ServerFlowOptions {
  server: string;
  provider?: string | undefined;
  popupWidth?: number | undefined;
  popupHeight?: number | undefined;
  /** Seconds before a pending flow is cancelled with `timeout`. Default 300; 0 waits forever. */
  timeout?: number | undefined;
  /** The page's language (BCP 47), for the provider's `ui_locales`: the server adds it. */
  uiLocales?: string | undefined;
}

/**
 * A call to the auth handler: JSON both ways, the `OAuth-Connect: 1` header its
 * CSRF check asks for, the session cookie (same origin only). Rejects with the
 * server's own `error` code, or `server_error` when it cannot be reached or
 * answers something else than JSON (a single-page app's fallback page).
 * The route and the header are written out rather than imported from
 * protocol/bff.ts (an object there would cost every page its bytes), and typed
 * by it: one renamed there no longer compiles here.
 */
export const callServer = <T>(server: string, route: BffRoute, body?: object): Promise<T> =>
  // fetch's default credentials, same-origin, carry the session cookie.
  fetch(server + route, {
    ...(body && {
      method: 'POST',
      headers: {
        'OAuth-Connect': '1',
        'Content-Type': 'application/json',
      } satisfies Record<typeof BFF_HEADER, typeof BFF_HEADER_VALUE> & Record<string, string>,
      body: JSON.stringify(body),
    }),
  })
    .then(async (response) => {
      // The handler answers every route it has, errors included: a 404 is a handler mounted elsewhere.
      if (response.status == 404)
        console.error(`oauth-connect: ${server + route} answered 404: is the handler mounted at ${server}?`);
      const answer = await response.json();
      if (response.ok) return answer as T;
      throw answer;
    })
    // The server's own error, or nothing to read: unreachable, or not JSON (a single-page app's fallback page).
    .catch((answer?: { error?: string; error_description?: string }) => {
      throw new ConnectError(answer?.error || 'server_error', answer?.error_description);
    });

/** Posts the callback's pairs to `complete`: the server exchanges the code; the page learns who signed in. */
export const complete = (
  { server, provider }: { server: string; provider?: string | undefined },
  state: string,
  params: CallbackParams,
): Promise<SessionResult> =>
  // The answer is `{ account }` (CompleteAnswer).
  callServer<CompleteAnswer>(server, '/complete', {
    provider,
    // The pairs as received, duplicates kept: the server refuses a parameter sent twice (RFC 6749 §3.1).
    params,
  }).then(({ account }) => ({ responseType: 'session', account, state, provider }));

const sessions: Record<string, Promise<Record<string, ConnectAccount>>> = {};

/**
 * This browser's accounts at `server`, by provider: one `GET {server}/session` a page, shared by its
 * elements. Rejects (`ConnectError`) when the handler cannot tell: each element reports it.
 */
export const sessionAt = (server: string): Promise<Record<string, ConnectAccount>> =>
  (sessions[server] ??= callServer<{ accounts?: Record<string, ConnectAccount> }>(server, '/session').then(
    ({ accounts }) => accounts ?? {},
  ));

/**
 * A `start` asked for ahead of the click (on intent): its promise, with its answer once it has one.
 * Used by one click only: each flow has its own state.
 */
export type PreparedStart = Promise<ServerStart> & { value?: ServerStart };

export const prepareStart = ({ server, provider, uiLocales }: ServerFlowOptions): PreparedStart => {
  const prepared: PreparedStart = callServer<ServerStart>(server, '/start', { provider, uiLocales });
  // A failed prefetch is reported by the click that uses it, not as an unhandled rejection.
  prepared.then(
    (value) => (prepared.value = value),
    () => {},
  );
  return prepared;
};

/** The redirect module's server-bound leg: keeps what the return needs, then takes the page to `url`. */
export type KeepServerFlow = (
  options: ServerFlowOptions,
  state: string,
  url: string,
  session: { leave(): void },
) => void;

/**
 * Opens the popup at once (synchronously, inside the click's user activation):
 * at the authorize URL when `start` has already answered, else at about:blank,
 * sent on when the URL arrives. `result` resolves with the account, or rejects
 * with `ConnectError` or `ConnectCancelled`.
 * With `keep` (the redirect module's leg, `mode="redirect"`), no popup: once `start` has answered,
 * `keep` stores what the return needs and the page itself goes to the provider; `result` then
 * settles only with an error (storage refused, `start` failed), the page having left.
 */
export const startServerFlow = (
  options: ServerFlowOptions,
  prepared: PreparedStart,
  onStart: (detail: { state: string; url: string }) => void,
  blank?: Window | null,
  keep?: KeepServerFlow,
): PendingFlow<SessionResult> => {
  const early = prepared.value;
  // The popup, the callback's message, the closed-popup check, the silent callback page, the timeout
  // and pagehide: the same promises as the event mode (session.ts).
  const session = popupSession<SessionResult>('', options);
  const { flow, settle } = session;
  const popup = keep ? undefined : session.open(early?.url ?? 'about:blank', blank);
  // A redirect's page leaves: session.leave() then ends the guard's listeners and timer.
  session.guard(options.timeout ?? 300);
  if (popup === null) settle(new ConnectError('popup_blocked', 'The browser blocked the sign-in window.'));
  else
    prepared
      .then(({ url, state, redirectUri }) => {
        if (session.signal.aborted) return;
        flow.state = state;
        onStart({ state, url });
        // The redirect leg keeps what the return needs and leaves (throws where storage is refused: then the page stays).
        if (!popup) return (keep as KeepServerFlow)(options, state, url, session);
        if (!early) popup.location.href = url;
        session.callback = new URL(redirectUri, location.href);
        // The same checks as the event mode (message.ts): this popup, this redirect URI's page, this state.
        // Once accepted, the answer is on its way to the server: the popup closing now is not a cancel.
        session.receive({ state, popup, redirectUri: session.callback.href }, (params) =>
          complete(options, state, params).then(settle, settle),
        );
      })
      .catch(settle);
  return flow;
};
