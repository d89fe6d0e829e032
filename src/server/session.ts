/**
 * Every cookie of the handler, by name: its flags, what it holds sealed
 * (seal.ts), the pending-flows cookie, and loading and saving a browser's
 * session, in the sealed cookie itself or in the store under a random id the
 * cookie holds. The handler never seals or opens anything itself.
 *
 * What a session promises: it ends `sessionTtl` after the latest successful
 * sign-in, whatever happens in between (`expiresAt`); a write never brings back
 * a session that was ended meanwhile (with a store that has `setIfVersion`);
 * each sign-in gets a new session id.
 */
import * as oauth from 'oauth4webapi';
import { AuthError, ERROR_CODES, SessionTooLargeError } from './errors.js';
import { developmentCookies } from './requests.js';
import { deriveKeys, seal, unseal } from './seal.js';
import type { SessionData, SessionStore } from './store.js';

/** Browsers keep at most 4096 bytes per cookie, name and attributes included (RFC 6265 §6.1). */
export const MAX_COOKIE_BYTES = 4096;

const SESSION = 'oauth-connect';
const FLOWS = 'oauth-connect-flow';
/** How long a started sign-in may take (and how long its state stays spent). */
export const FLOW_TTL_SECONDS = 600;
/** Pending flows kept per browser (several buttons, several tabs); the oldest goes first. */
const MAX_FLOWS = 6;

/** A sign-in between `start` and `complete`: what the browser must never see. */
export interface PendingFlow {
  provider: string;
  state: string;
  verifier: string;
  nonce?: string;
  redirectUri: string;
}

/** The cookies of a request, by name. */
const readCookies = (request: Request): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
};

const encoder = new TextEncoder();

/**
 * `__Host-` + Secure, what stops a sibling subdomain planting a session, except the development
 * cookie of plain http on loopback (`developmentCookies`). A cookie that came in is read and set
 * again under the name it came with, the `__Host-` one first; the development name is read only
 * where a development cookie could have been set.
 */
const cookieJar = (request: Request) => {
  const cookies = readCookies(request);
  const development = developmentCookies(request);
  const name = (base: string) => (development && !cookies.has(`__Host-${base}`) ? base : `__Host-${base}`);
  const attributesOf = (cookieName: string) =>
    `Path=/; HttpOnly; SameSite=Lax${cookieName.startsWith('__Host-') ? '; Secure' : ''}`;
  return {
    read: (base: string) => cookies.get(name(base)),
    set(base: string, value: string, expiresAt: number) {
      const maxAge = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
      const cookie = `${name(base)}=${value}; ${attributesOf(name(base))}; Max-Age=${maxAge}`;
      const bytes = encoder.encode(cookie).byteLength;
      if (bytes > MAX_COOKIE_BYTES)
        throw new SessionTooLargeError(
          `The ${base} cookie would be ${bytes} bytes sealed, more than the ${MAX_COOKIE_BYTES} a browser keeps: give createAuthHandler a store (memoryStore(), or a shared one) to keep the session on the server.`,
        );
      return cookie;
    },
    clear: (base: string) => `${name(base)}=; ${attributesOf(name(base))}; Max-Age=0`,
  };
};

/** A session as read: its id and version with a store, its data, and when it ends. */
export interface LoadedSession {
  id?: string;
  /** The version read (stores only): a versioned write succeeds only at it. */
  version: number;
  data: SessionData;
}

/** What a change to a session produced: the data now, and the Set-Cookie headers to send. */
export interface SavedSession {
  data: SessionData;
  setCookie: string[];
}

export interface SessionOptions {
  /** The partner's secret (or a rotation list); checked here, at start-up. */
  secret: string | string[] | undefined;
  store: SessionStore | undefined;
  /** Seconds from the latest successful sign-in to the end of the session. */
  ttl: number;
}

const empty = (): SessionData => ({ grants: {} });
const live = (data: SessionData | undefined) => Boolean(data && (data.expiresAt ?? Infinity) > Date.now());

export const sessions = ({ secret, store, ttl }: SessionOptions) => {
  const keys = deriveKeys(secret);
  if (!(typeof ttl == 'number' && ttl > 0))
    throw new TypeError('oauth-connect/server: sessionTtl must be a number of seconds above 0.');
  /** Runs a store call; its failure is a 503 `server_error` (logged by the handler). */
  const storeCall = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      throw new AuthError(ERROR_CODES.serverError, 'The session store failed.', { status: 503, cause });
    }
  };

  const load = async (request: Request): Promise<LoadedSession> => {
    const sealed = cookieJar(request).read(SESSION);
    if (!store) {
      const opened = await unseal(keys, 'session', sealed);
      const data = opened?.value as SessionData | undefined;
      // A first-release session has no expiresAt: its seal's `exp` is the same moment.
      return data && opened
        ? { version: 0, data: { ...data, expiresAt: data.expiresAt ?? opened.expiresAt } }
        : { version: 0, data: empty() };
    }
    const id = (await unseal(keys, 'session-id', sealed))?.value;
    if (typeof id != 'string') return { version: 0, data: empty() };
    const data = await storeCall(() => store.get(id));
    if (!data || !live(data)) return { version: 0, data: empty() };
    return { id, version: data.version ?? 0, data };
  };

  const gone = (request: Request) =>
    new AuthError(ERROR_CODES.loginRequired, 'The session ended meanwhile (a logout, or ended by the site).', {
      status: 401,
      setCookie: [cookieJar(request).clear(SESSION)],
    });

  /**
   * Applies `change` to the session and saves it. With a store that has
   * `setIfVersion`, the write succeeds only at the version read: when the
   * session is gone meanwhile, `login_required`; when it changed, `change` is
   * applied to the new one and the write retried once. `renew` (a sign-in)
   * gives the session a new id and a new `expiresAt`.
   */
  const commit = async (
    request: Request,
    loaded: LoadedSession,
    change: (data: SessionData) => void,
    { renew = false } = {},
  ): Promise<SavedSession> => {
    const jar = cookieJar(request);
    let current = loaded;
    for (let attempt = 0; ; attempt++) {
      const data: SessionData = structuredClone(current.data);
      change(data);
      if (renew || data.expiresAt === undefined) data.expiresAt = Date.now() + ttl * 1000;
      const signedOut = !Object.keys(data.grants).length;
      if (!store) {
        return {
          data,
          setCookie: [
            signedOut
              ? jar.clear(SESSION)
              : jar.set(SESSION, await seal(keys, 'session', data, data.expiresAt), data.expiresAt),
          ],
        };
      }
      const seconds = Math.max(1, Math.ceil((data.expiresAt - Date.now()) / 1000));
      const { id } = current;
      if (renew || !id) {
        // Ended meanwhile (a logout, deleteUserSessions): the sign-in starts a session of its own
        // rather than carrying the ended one's grants into the new id.
        if (id && !(await storeCall(() => store.get(id)))) {
          current = { version: 0, data: empty() };
          continue;
        }
        // A new random id at each sign-in (no session fixation); the old key goes.
        const fresh = oauth.generateRandomState();
        if (!signedOut) await storeCall(() => store.set(fresh, { ...data, version: 1 }, seconds));
        if (id) await storeCall(() => store.delete(id));
        return {
          data,
          setCookie: [
            signedOut
              ? jar.clear(SESSION)
              : jar.set(SESSION, await seal(keys, 'session-id', fresh, data.expiresAt), data.expiresAt),
          ],
        };
      }
      if (signedOut) {
        await storeCall(() => store.delete(id));
        return { data, setCookie: [jar.clear(SESSION)] };
      }
      const setIfVersion = store.setIfVersion?.bind(store);
      if (!setIfVersion) {
        // A store without versioned writes: last write wins (the README says what that risks).
        await storeCall(() => store.set(id, data, seconds));
        return { data, setCookie: [] };
      }
      const outcome = await storeCall(() =>
        setIfVersion(id, { ...data, version: current.version + 1 }, seconds, current.version),
      );
      if (outcome == 'ok') return { data, setCookie: [] };
      const now = outcome == 'gone' ? undefined : await storeCall(() => store.get(id));
      if (!now || !live(now)) throw gone(request);
      if (attempt >= 1)
        throw new AuthError(ERROR_CODES.serverError, 'The session kept changing during the write.', { status: 503 });
      current = { id, version: now.version ?? 0, data: now };
    }
  };

  /** The pending flows of this browser (sealed in their own cookie, ten minutes each). */
  const readFlows = async (request: Request): Promise<PendingFlow[]> => {
    const opened = await unseal(keys, 'flows', cookieJar(request).read(FLOWS));
    return Array.isArray(opened?.value) ? (opened.value as PendingFlow[]) : [];
  };

  /** The Set-Cookie for these pending flows (the oldest dropped beyond six), or its removal when none is left. */
  const flowsCookie = async (request: Request, flows: PendingFlow[]): Promise<string> => {
    const jar = cookieJar(request);
    const kept = flows.slice(-MAX_FLOWS);
    if (!kept.length) return jar.clear(FLOWS);
    const expiresAt = Date.now() + FLOW_TTL_SECONDS * 1000;
    return jar.set(FLOWS, await seal(keys, 'flows', kept, expiresAt), expiresAt);
  };

  return { storeCall, load, commit, readFlows, flowsCookie };
};

export type Sessions = ReturnType<typeof sessions>;
