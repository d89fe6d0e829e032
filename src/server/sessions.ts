/**
 * Loading and saving one browser's session: in the sealed cookie itself, or
 * in the store under a random id that the cookie holds sealed. A store that
 * fails is `server_error` (503); an unknown session is an empty one.
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from './exchange.js';
import { cookieJar, readCookies, seal, unseal, type Keys } from './session.js';
import type { SessionData, SessionStore } from './store.js';

export interface LoadedSession {
  id?: string;
  data: SessionData;
}

export const sessionIo = ({ keys, store, ttl }: { keys: Keys; store: SessionStore | undefined; ttl: number }) => {
  const storeCall = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      throw new AuthError('server_error', 'The session store failed.', 503, { cause });
    }
  };

  const loadSession = async (request: Request): Promise<LoadedSession> => {
    const sealed = readCookies(request).get(cookieJar(request, 'oauth-connect').name(''));
    if (!store) return { data: ((await unseal(keys, 'session', sealed)) as SessionData) ?? { grants: {} } };
    const id = (await unseal(keys, 'session-id', sealed)) as string | undefined;
    const data = id ? await storeCall(() => store.get(id)) : undefined;
    return data && id ? { id, data } : { data: { grants: {} } };
  };

  /** The Set-Cookie for the session as it now is, after saving it in the store when there is one. */
  const saveSession = async (request: Request, session: LoadedSession): Promise<string[]> => {
    const jar = cookieJar(request, 'oauth-connect');
    const empty = !Object.keys(session.data.grants).length;
    if (!store) return [empty ? jar.clear('') : jar.set('', await seal(keys, 'session', session.data, ttl), ttl)];
    const { id: existing } = session;
    if (empty) {
      if (existing) await storeCall(() => store.delete(existing));
      return [jar.clear('')];
    }
    const id = session.id ?? oauth.generateRandomState();
    await storeCall(() => store.set(id, session.data, ttl));
    return session.id ? [] : [jar.set('', await seal(keys, 'session-id', id, ttl), ttl)];
  };
  return { storeCall, loadSession, saveSession };
};

export type SessionIo = ReturnType<typeof sessionIo>;
