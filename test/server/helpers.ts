/**
 * What the server tests share: a mock provider in this process, a handler for
 * it, and a browser reduced to its cookie jar, calling the Fetch handler
 * directly with `new Request(…)` (no server in between).
 */
import assert from 'node:assert/strict';
import { startMockProvider, type RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler, type AuthHandler, type AuthHandlerOptions } from '../../src/server/index.js';

export const ORIGIN = 'https://app.example';
export const SECRET = 'c2VydmVyLXRlc3RzOiAzMiByYW5kb20gYnl0ZXMgaGVyZQ==';
export const CLIENT = { id: 'demo-client', secret: 'demo-secret' };
export const REDIRECT_URI = 'http://localhost:5173/callback.html';

export const startProvider = (options: Parameters<typeof startMockProvider>[0] = {}) =>
  startMockProvider({ port: 0, autoApprove: true, log: () => {}, ...options });

/** The mock provider's endpoints and this app's client, as a provider's options. */
const providerOptions = (provider: RunningMockProvider) => ({
  authorizeUrl: provider.authorizeUrl,
  tokenUrl: provider.tokenUrl,
  userInfoUrl: provider.userInfoUrl,
  revocationUrl: provider.revocationUrl,
  clientId: CLIENT.id,
  clientSecret: CLIENT.secret,
  redirectUri: REDIRECT_URI,
  scope: 'profile email',
});

/** A handler for the mock provider as a plain OAuth 2 provider (Ulule's shape: no issuer). */
export const handlerFor = (provider: RunningMockProvider, extra: Partial<AuthHandlerOptions> = {}): AuthHandler =>
  createAuthHandler({ secret: SECRET, providers: { mock: providerOptions(provider) }, ...extra });

/** The same mock provider under two ids, as two providers of one site (grants with each are separate). */
export const twoProviders = (provider: RunningMockProvider, extra: Partial<AuthHandlerOptions> = {}): AuthHandler => {
  const config = providerOptions(provider);
  return createAuthHandler({ secret: SECRET, providers: { mock: config, other: config }, ...extra });
};

/** The token requests the provider received of one grant type. */
export const grants = (provider: RunningMockProvider, type: 'authorization_code' | 'refresh_token') =>
  provider.requests().filter(({ endpoint, params }) => endpoint == 'token' && params.grant_type == type).length;

/** One browser: its cookies, sent with each request and updated from each answer. */
export class Browser {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  constructor(readonly handler: AuthHandler) {}
  get cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  /** A request as the page's fetch would make it (GET without a body, POST with the CSRF header). */
  request(path: string, body?: unknown) {
    return new Request(`${ORIGIN}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(body !== undefined && { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: ORIGIN }),
        Cookie: this.cookieHeader,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  }
  /** Keeps what a browser keeps of Set-Cookie headers. */
  take(setCookies: string[]) {
    this.setCookies = setCookies;
    for (const cookie of setCookies) {
      const [pair = ''] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      if (/Max-Age=0(;|$)/.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(index + 1));
    }
  }
  async send(path: string, body?: unknown) {
    const response = await this.handler(this.request(path, body));
    this.take(response.headers.getSetCookie());
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  /** The accounts `/session` lists, by provider. */
  async accounts() {
    return Object.keys(((await this.send('/auth/session')).body.accounts ?? {}) as object).sort();
  }
  /** What a partner's route gets from getAccessToken, or the AuthError it throws. */
  async accessToken(provider = 'mock') {
    try {
      const token = await this.handler.getAccessToken(this.request('/api'), provider);
      this.take(token.setCookie);
      return token;
    } catch (error) {
      const { setCookie } = error as { setCookie?: string[] };
      if (setCookie) this.take(setCookie);
      return error as Error & { error: string; status: number; setCookie: string[] };
    }
  }
  /** A copy of this browser (the same cookies): a second tab, or a stolen cookie. */
  clone() {
    const copy = new Browser(this.handler);
    copy.cookies = new Map(this.cookies);
    return copy;
  }
}

/** The provider's answer to the authorize URL (auto-approved), as the callback page would post it: pairs in order. */
export const authorizeAt = async (url: string): Promise<[string, string][]> => {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  assert.ok(location, `authorize answered HTTP ${response.status} without a Location`);
  return [...new URL(location).searchParams];
};

/** start → the provider → complete, in one browser. */
export const signIn = async (browser: Browser, provider = 'mock') => {
  const started = await browser.send('/auth/start', { provider });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const params = await authorizeAt(started.body.url as string);
  const completed = await browser.send('/auth/complete', { provider, params });
  return { started, params, completed };
};

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `run` with console.error captured; gives back what was logged. */
export const capturingErrors = async <T>(run: () => Promise<T>): Promise<{ result: T; logged: string[] }> => {
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  try {
    return { result: await run(), logged };
  } finally {
    console.error = original;
  }
};
