// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Sign in with Ulule, server-bound", in a Fetch runtime; test/e2e/readme-server-bound.api.spec.ts runs it.
// #region readme
import { createAuthHandler } from 'oauth-connect/server';

const auth = createAuthHandler({
  secret: process.env.SESSION_SECRET!,
  providers: {
    ulule: {
      authorizeUrl: 'https://connect.ulule.com/oauth2/authorize/',
      tokenUrl: 'https://connect.ulule.com/oauth2/token/',
      userInfoUrl: 'https://api.ulule.com/v1/me',
      clientId: process.env.ULULE_CLIENT_ID!,
      clientSecret: process.env.ULULE_CLIENT_SECRET,
      redirectUri: 'https://partner.example/callback.html',
    },
  },
});
export default {
  fetch: (request: Request) =>
    new URL(request.url).pathname.startsWith('/auth/')
      ? auth(request)
      : new Response('Serve your pages here', { status: 404 }),
};
// #endregion readme
