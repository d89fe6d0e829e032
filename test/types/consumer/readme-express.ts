// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// What the snippet takes from the text around it is declared first.

// #region readme
import express from 'express';
import { createAuthHandler } from 'oauth-connect/server';
import { toNodeHandler, toWebRequest } from 'oauth-connect/server/node';

const auth = createAuthHandler({
  secret: process.env.SESSION_SECRET!, // `openssl rand -base64 32`; a list rotates: the first seals, all open
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
app.use(toNodeHandler(auth)); // POST /auth/start, /auth/complete, /auth/logout; GET /auth/session
app.get('/api/projects', async (req, res) => {
  const { accessToken, setCookie } = await auth.getAccessToken(toWebRequest(req), 'ulule');
  res.setHeader('Set-Cookie', setCookie); // a refresh changed the sealed session
  res.json(
    await (
      await fetch('https://api.ulule.com/v1/me/projects', { headers: { Authorization: `Bearer ${accessToken}` } })
    ).json(),
  );
});
// #endregion readme

export {};
