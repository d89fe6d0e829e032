// The partner's back end: serves the page, the callback page and the
// package's two prebuilt scripts, and exchanges the code on POST /api/session.
// It learns the provider from OAUTH_CONNECT_MOCK_URL, as the README's config passes it.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exchangeCode, fetchUserInfo, TokenError } from 'oauth-connect/server';

const port = Number(process.env.PORT ?? 3000);
const provider = process.env.OAUTH_CONNECT_MOCK_URL;
if (!provider) throw new Error('Set OAUTH_CONNECT_MOCK_URL to the provider, e.g. http://localhost:5174');
// The client as registered at the provider; the secret stays on this server.
const client = {
  tokenUrl: `${provider}/oauth2/token/`,
  userInfoUrl: `${provider}/v1/me`,
  clientId: 'partner-site',
  clientSecret: 'partner-secret',
};

const here = dirname(fileURLToPath(import.meta.url));
const dist = dirname(createRequire(import.meta.url).resolve('oauth-connect/oauth-connect.js'));
const files = {
  '/': [join(here, 'public/index.html'), 'text/html'],
  '/callback.html': [join(here, 'public/callback.html'), 'text/html'],
  '/oauth-connect.js': [join(dist, 'oauth-connect.js'), 'text/javascript'],
  '/callback.js': [join(dist, 'callback.js'), 'text/javascript'],
};

const json = (res, status, body) =>
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));

const readJson = async (req) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
};

createServer(async (req, res) => {
  if (req.method == 'POST' && req.url == '/api/session') {
    try {
      const { code, redirectUri, codeVerifier } = await readJson(req);
      const tokens = await exchangeCode({ ...client, code, redirectUri, codeVerifier });
      const user = await fetchUserInfo({ ...client, accessToken: tokens.accessToken });
      return json(res, 200, { name: user.name, email: user.email });
    } catch (error) {
      if (error instanceof TokenError) return json(res, 502, { error: error.error });
      console.error(error);
      return json(res, 400, { error: 'bad_request' });
    }
  }
  const file = files[req.url.replace(/\?.*/, '')];
  if (req.method != 'GET' || !file) return json(res, 404, { error: 'not_found' });
  let body = await readFile(file[0], 'utf8');
  // The page's button points at the provider this back end was given.
  body = body.replaceAll('{{PROVIDER}}', provider);
  res.writeHead(200, { 'Content-Type': `${file[1]}; charset=utf-8` }).end(body);
}).listen(port, 'localhost', () => console.log(`partner site on http://localhost:${port}`));
