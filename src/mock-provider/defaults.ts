import type { MockClient, MockUser } from './types.js';

/**
 * The demo's confidential client: its secret stays on the partner's server,
 * which exchanges codes with HTTP Basic authentication (as in Ulule's documented Python example).
 */
export const DEMO_CLIENT: MockClient = {
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  name: 'Demo Partner',
  redirectUris: ['http://localhost:5173/callback.html', 'http://localhost:5173/script-tag-callback.html'],
};

/** A public client (a single-page app): no secret, so PKCE is required (RFC 9700 §2.1.1). */
export const DEMO_PUBLIC_CLIENT: MockClient = {
  clientId: 'demo-public-client',
  name: 'Demo Single-Page App',
  redirectUris: ['http://localhost:5173/callback.html', 'http://localhost:5173/script-tag-callback.html'],
};

export const DEMO_USER: MockUser = {
  id: 'user-1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine',
};

/** Scopes the mock knows, with the words the consent page shows for each. */
export const DEFAULT_SCOPES: Record<string, string> = {
  profile: 'See your name and your public profile',
  email: 'See your email address',
  'projects:read': 'See the projects you created or backed',
  'orders:read': 'See your orders',
};

/** Granted when an authorization request names no scope (RFC 6749 §3.3 lets the server pick a default). */
export const DEFAULT_SCOPE = 'profile';
