import type { IncomingMessage } from 'node:http';
import { DEMO_CLIENT, DEMO_PUBLIC_CLIENT, DEMO_USER } from './defaults.js';
import { BoundedMap } from './bounded.js';
import { parseCookies } from './http.js';
import { random, type Settings } from './settings.js';
import type { MockClient, MockUser } from './types.js';

/** A signed-in browser. */
export interface Session {
  email: string;
  /** Ties the consent form to this session (the consent page's CSRF defence, RFC 6749 §10.12). */
  csrf: string;
  /** When the user signed in (OpenID Connect's `auth_time`), in the provider's clock. */
  signedInAt: number;
  /** The same moment in seconds of real time, for ID tokens, which clients check against their own clock. */
  authTime: number;
}

/** A browser stays signed in for a day of the provider's clock, as a provider's session cookie would. */
const SESSION_TTL_MS = 24 * 3600 * 1000;

export const SESSION_COOKIE = 'oauth_mock_session';

/** The registered clients, the accounts and the browsers signed in to them. */
export interface Accounts {
  clients: Map<string, MockClient>;
  /** By lower-cased email. */
  users: Map<string, Required<MockUser>>;
  addClient(client: MockClient): void;
  addUser(user: MockUser): Required<MockUser>;
  /** The request's session and its id, when its cookie names one whose account still exists. */
  sessionOf(req: IncomingMessage): [string, Session] | undefined;
  /** Starts a session; returns the `Set-Cookie` value. */
  startSession(email: string): string;
  /** Ends a session; returns the `Set-Cookie` value that clears the cookie. */
  endSession(id: string): string;
  /** The first user's credentials, when the sign-in page may show them. */
  testCredentials(): { email: string; password: string } | undefined;
  /** Back to the start options. */
  reset(): void;
}

export const createAccounts = (settings: Settings, now: () => number): Accounts => {
  const { options, maxEntries } = settings;
  const initialClients = options.clients ?? [DEMO_CLIENT, DEMO_PUBLIC_CLIENT];
  const initialUsers = options.users ?? [settings.profile?.name == 'ulule' ? { ...DEMO_USER, id: '1' } : DEMO_USER];
  const showCredentials = options.showTestCredentials ?? true;
  const clients = new Map<string, MockClient>();
  const initial = new Set<Required<MockUser>>();
  // Accounts made on the sign-up page go, oldest first, past the limit; the start accounts stay.
  const users = new BoundedMap<string, Required<MockUser>>(maxEntries, now, undefined, (user) => initial.has(user));
  const sessions = new BoundedMap<string, Session>(maxEntries, now, (session) => session.signedInAt + SESSION_TTL_MS);
  let nextUserId = 1;

  const addClient = (client: MockClient) => {
    clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
  };
  const addUser = (user: MockUser): Required<MockUser> => {
    // Ulule's ids are integers (its API gives `"id": 1`); the generic mock's read `user-1`.
    const stored = {
      ...user,
      id: user.id ?? (settings.profile?.name == 'ulule' ? String(nextUserId) : `user-${nextUserId}`),
    };
    nextUserId++;
    users.set(user.email.toLowerCase(), stored);
    return stored;
  };

  return {
    clients,
    users,
    addClient,
    addUser,
    sessionOf: (req) => {
      const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
      const session = id ? sessions.get(id) : undefined;
      // A session whose account is gone (after reset) is no session, nor is an expired one.
      return id && session && users.has(session.email) && session.signedInAt + SESSION_TTL_MS > now()
        ? [id, session]
        : undefined;
    },
    startSession: (email) => {
      const id = random('');
      sessions.set(id, { email, csrf: random(''), signedInAt: now(), authTime: Math.floor(Date.now() / 1000) });
      return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
    },
    endSession: (id) => {
      sessions.delete(id);
      return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    },
    testCredentials: () => {
      const first = [...users.values()][0];
      return showCredentials && first ? { email: first.email, password: first.password } : undefined;
    },
    reset: () => {
      clients.clear();
      users.clear();
      sessions.clear();
      nextUserId = 1;
      initialClients.forEach(addClient);
      initial.clear();
      for (const user of initialUsers) initial.add(addUser(user));
    },
  };
};
