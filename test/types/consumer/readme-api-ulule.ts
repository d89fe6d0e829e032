// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Call the provider's API", Ulule; test/e2e/readme-api.api.spec.ts runs it against the mock as Ulule.
// #region readme
import { AuthError, createAuthHandler } from 'oauth-connect/server';

const auth = createAuthHandler({
  secret: process.env.SESSION_SECRET!,
  providers: {
    ulule: {
      profile: 'ulule', // Ulule Connect's URLs, HTTP Basic, the account from GET /v1/me, api.ulule.com/v1
      clientId: process.env.ULULE_CLIENT_ID!,
      clientSecret: process.env.ULULE_CLIENT_SECRET,
      redirectUri: 'https://partner.example/callback.html',
      api: { allow: ['GET /me', 'GET /users/*/orders'] }, // the page's proxy: GET /auth/api/ulule/me, …
    },
  },
});

/** Your own route: the signed-in user's Ulule profile, fetched on the server. */
const me = async (request: Request): Promise<Response> => {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  try {
    const { response, setCookie } = await auth.fetchApi(request, 'ulule', '/me');
    for (const cookie of setCookie) headers.append('Set-Cookie', cookie); // a refresh changed the session
    return new Response(JSON.stringify(await response.json()), { status: response.status, headers });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    for (const cookie of error.setCookie) headers.append('Set-Cookie', cookie);
    return new Response(JSON.stringify({ error: error.error }), { status: error.status, headers });
  }
};

export default {
  fetch: (request: Request) => {
    const { pathname } = new URL(request.url);
    if (pathname == '/me') return me(request);
    return pathname.startsWith('/auth/') ? auth(request) : new Response('Serve your pages here', { status: 404 });
  },
};
// #endregion readme
