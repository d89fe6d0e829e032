// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Sign in with Ulule, server-bound", with Express; test/e2e/readme-server-bound.api.spec.ts runs it.
// #region readme
import express from 'express';
import { createAuthHandler } from 'oauth-connect/server';
import { toNodeHandler } from 'oauth-connect/server/node';

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
const app = express();
app.use(toNodeHandler(auth));
app.use(express.static('public')); // index.html, callback.html, oauth-connect.js, modes/, callback.js
app.listen(3000);
// #endregion readme
