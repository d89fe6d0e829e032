import { expect, test } from '@playwright/test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import {
  basic,
  CLIENT,
  exchangeForm,
  getCode,
  getMe,
  pkcePair,
  postToken,
  PUBLIC_CLIENT,
  REDIRECT_URI,
  startProvider,
} from './api-helpers.js';

/**
 * The token endpoint over HTTP (RFC 6749 §4.1.3, §5, §6; RFC 7636 §4.6):
 * every error case, and that the provider keeps serving correct requests after each.
 */
let provider: RunningMockProvider;
test.beforeEach(async () => {
  provider = await startProvider();
});
test.afterEach(async () => {
  await provider.close();
});

/** An RFC 6749 §5.2 error: status, JSON body with `error`, never cached. */
const expectError = async (response: Response, status: number, error: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  expect(body.error_description).toEqual(expect.any(String));
  return body;
};

/** A complete, correct exchange: proves the provider still works after whatever came before. */
const expectWorkingExchange = async () => {
  const response = await postToken(provider, exchangeForm(await getCode(provider)));
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string };
};

test('a correct exchange with HTTP Basic (as the Ulule documentation shows) returns tokens, uncached', async () => {
  const response = await postToken(provider, exchangeForm(await getCode(provider, { scope: 'profile email' })));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('pragma')).toBe('no-cache');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toEqual({
    access_token: expect.stringMatching(/^mock_at_/),
    token_type: 'bearer',
    expires_in: 3600,
    refresh_token: expect.stringMatching(/^mock_rt_/),
    scope: 'profile email',
  });
  const me = await getMe(provider, body.access_token as string);
  expect(me.status).toBe(200);
  expect(await me.json()).toEqual({
    id: 'user-1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    scope: 'profile email',
  });
});

test('client_secret_post and public clients with PKCE authenticate too', async () => {
  const post = await postToken(
    provider,
    exchangeForm(await getCode(provider), { client_id: CLIENT.id, client_secret: CLIENT.secret }),
    { auth: null },
  );
  expect(post.status).toBe(200);

  const { verifier, challenge } = pkcePair();
  const code = await getCode(provider, { clientId: PUBLIC_CLIENT, challenge });
  const none = await postToken(provider, exchangeForm(code, { client_id: PUBLIC_CLIENT, code_verifier: verifier }), {
    auth: null,
  });
  expect(none.status).toBe(200);
});

test('missing and duplicated parameters are invalid_request', async () => {
  const code = await getCode(provider);
  await expectError(await postToken(provider, { code, redirect_uri: REDIRECT_URI }), 400, 'invalid_request');
  await expectError(
    await postToken(provider, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI }),
    400,
    'invalid_request',
  );
  await expectError(await postToken(provider, { grant_type: 'authorization_code', code }), 400, 'invalid_request');
  // RFC 6749 §3.1: an empty value counts as missing.
  await expectError(await postToken(provider, exchangeForm('')), 400, 'invalid_request');
  const duplicated = `${new URLSearchParams(exchangeForm(code))}&code=${code}`;
  const body = await expectError(await postToken(provider, duplicated), 400, 'invalid_request');
  expect(body.error_description).toContain('code');
  // None of those spent the code.
  expect((await postToken(provider, exchangeForm(code))).status).toBe(200);
});

test('an unknown grant type is unsupported_grant_type', async () => {
  await expectError(await postToken(provider, { grant_type: 'password' }), 400, 'unsupported_grant_type');
  await expectError(await postToken(provider, { grant_type: 'client_credentials' }), 400, 'unsupported_grant_type');
  await expectWorkingExchange();
});

test('client authentication failures are 401 invalid_client with WWW-Authenticate', async () => {
  const code = await getCode(provider);
  const form = exchangeForm(code);
  const cases: Array<[string, { auth?: string | null }, Record<string, string>]> = [
    ['wrong secret', { auth: basic(CLIENT.id, 'not-the-secret') }, form],
    ['unknown client', { auth: basic('nobody', CLIENT.secret) }, form],
    ['no authentication at all', { auth: null }, form],
    ['missing secret for a confidential client', { auth: null }, { ...form, client_id: CLIENT.id }],
    ['wrong client_secret_post', { auth: null }, { ...form, client_id: CLIENT.id, client_secret: 'nope' }],
    ['Basic that is not base64', { auth: 'Basic !!!not-base64!!!' }, form],
    ['Basic without a colon', { auth: `Basic ${Buffer.from('demo-client').toString('base64')}` }, form],
    ['Basic with a broken escape', { auth: `Basic ${Buffer.from('demo%zz:x').toString('base64')}` }, form],
    ['another scheme', { auth: 'Bearer abc' }, form],
    ['a secret for a public client', { auth: basic(PUBLIC_CLIENT, 'guess') }, form],
    ['client_id differing from Basic', {}, { ...form, client_id: PUBLIC_CLIENT }],
  ];
  for (const [name, init, body] of cases) {
    await test.step(name, async () => {
      const response = await postToken(provider, body, init);
      await expectError(response, 401, 'invalid_client');
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="mock-provider"/);
    });
  }
  // Authentication is checked before the code is looked at: the code is still good.
  expect((await postToken(provider, form)).status).toBe(200);
});

test('two authentication methods at once are invalid_request (RFC 6749 §2.3)', async () => {
  const code = await getCode(provider);
  await expectError(
    await postToken(provider, exchangeForm(code, { client_secret: CLIENT.secret })),
    400,
    'invalid_request',
  );
  await expectWorkingExchange();
});

test('a reused code is refused and the tokens issued from it are revoked (RFC 6749 §4.1.2)', async () => {
  const code = await getCode(provider);
  const first = await postToken(provider, exchangeForm(code));
  const tokens = (await first.json()) as { access_token: string; refresh_token: string };
  expect((await getMe(provider, tokens.access_token)).status).toBe(200);

  await expectError(await postToken(provider, exchangeForm(code)), 400, 'invalid_grant');
  expect((await getMe(provider, tokens.access_token)).status).toBe(401);
  await expectError(
    await postToken(provider, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
    400,
    'invalid_grant',
  );
  await expectWorkingExchange();
});

test('an expired code is invalid_grant', async () => {
  const code = await getCode(provider);
  provider.advanceClock(601); // codes live 10 minutes by default
  await expectError(await postToken(provider, exchangeForm(code)), 400, 'invalid_grant');
  await expectWorkingExchange();
});

test('a code is bound to its client and its redirect URI', async () => {
  const { verifier, challenge } = pkcePair();
  const publicCode = await getCode(provider, { clientId: PUBLIC_CLIENT, challenge });
  // Another client (demo-client, authenticated) cannot redeem it.
  await expectError(
    await postToken(provider, exchangeForm(publicCode, { code_verifier: verifier })),
    400,
    'invalid_grant',
  );

  const code = await getCode(provider);
  await expectError(
    await postToken(provider, exchangeForm(code, { redirect_uri: 'http://localhost:5173/other.html' })),
    400,
    'invalid_grant',
  );
  // The failed attempt spent the code.
  await expectError(await postToken(provider, exchangeForm(code)), 400, 'invalid_grant');
  await expectWorkingExchange();
});

test('PKCE: the verifier must match the challenge (RFC 7636 §4.6)', async () => {
  const { verifier, challenge } = pkcePair();
  const wrong = pkcePair().verifier;
  await test.step('wrong verifier', async () => {
    const code = await getCode(provider, { challenge });
    await expectError(await postToken(provider, exchangeForm(code, { code_verifier: wrong })), 400, 'invalid_grant');
  });
  await test.step('missing verifier', async () => {
    const code = await getCode(provider, { challenge });
    await expectError(await postToken(provider, exchangeForm(code)), 400, 'invalid_grant');
  });
  await test.step('malformed verifier', async () => {
    const code = await getCode(provider, { challenge });
    await expectError(await postToken(provider, exchangeForm(code, { code_verifier: 'short' })), 400, 'invalid_grant');
  });
  await test.step('a verifier for a code issued without a challenge (downgrade, RFC 9700 §2.1.1)', async () => {
    const code = await getCode(provider);
    await expectError(await postToken(provider, exchangeForm(code, { code_verifier: verifier })), 400, 'invalid_grant');
  });
  await test.step('S256 works (plain only with allowPlainPkce: mock-hardening.api.spec.ts)', async () => {
    const s256 = await getCode(provider, { challenge });
    expect((await postToken(provider, exchangeForm(s256, { code_verifier: verifier }))).status).toBe(200);
  });
});

test('oversized, malformed and wrongly typed bodies are refused, and the provider keeps serving', async () => {
  const code = await getCode(provider);
  await test.step('oversized body with a Content-Length: 413', async () => {
    const big = `${new URLSearchParams(exchangeForm(code))}&padding=${'x'.repeat(64 * 1024)}`;
    await expectError(await postToken(provider, big), 413, 'invalid_request');
  });
  await test.step('oversized chunked body without a Content-Length: 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(8 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(provider.tokenUrl, {
      method: 'POST',
      headers: { Authorization: basic(CLIENT.id, CLIENT.secret), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(response, 413, 'invalid_request');
  });
  await test.step('a broken percent-escape', async () => {
    await expectError(await postToken(provider, `grant_type=authorization_code&code=%zz`), 400, 'invalid_request');
  });
  await test.step('JSON instead of a form', async () => {
    const json = JSON.stringify(exchangeForm(code));
    await expectError(await postToken(provider, json, { contentType: 'application/json' }), 400, 'invalid_request');
  });
  await test.step('no Content-Type', async () => {
    const form = new URLSearchParams(exchangeForm(code)).toString();
    await expectError(await postToken(provider, form, { contentType: null }), 400, 'invalid_request');
  });
  await test.step('binary garbage', async () => {
    const response = await fetch(provider.tokenUrl, {
      method: 'POST',
      headers: { Authorization: basic(CLIENT.id, CLIENT.secret), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new Uint8Array([0xff, 0xfe, 0x00, 0x26, 0x3d, 0x3d, 0x80]),
    });
    await expectError(response, 400, 'invalid_request');
  });
  await test.step('GET is 405', async () => {
    const response = await fetch(provider.tokenUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
  // A charset parameter on the right media type is fine, and none of the above spent the code.
  const form = new URLSearchParams(exchangeForm(code)).toString();
  const ok = await postToken(provider, form, { contentType: 'application/x-www-form-urlencoded; charset=UTF-8' });
  expect(ok.status).toBe(200);
});

test('refresh: the token rotates and the old one is refused (RFC 9700 §4.14.2)', async () => {
  const first = await expectWorkingExchange();
  const refreshed = await postToken(provider, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
  expect(refreshed.status).toBe(200);
  const second = (await refreshed.json()) as { access_token: string; refresh_token: string; scope: string };
  expect(second.refresh_token).not.toBe(first.refresh_token);
  expect(second.access_token).not.toBe(first.access_token);
  expect(second.scope).toBe('profile');
  expect((await getMe(provider, second.access_token)).status).toBe(200);

  // The old one again: refused, and, as a sign it leaked, the whole grant is revoked.
  await expectError(
    await postToken(provider, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    400,
    'invalid_grant',
  );
  expect((await getMe(provider, second.access_token)).status).toBe(401);
  await expectError(
    await postToken(provider, { grant_type: 'refresh_token', refresh_token: second.refresh_token }),
    400,
    'invalid_grant',
  );
});

test('refresh: scope can narrow but not widen, and the token is bound to its client', async () => {
  const code = await getCode(provider, { scope: 'profile email' });
  const tokens = (await (await postToken(provider, exchangeForm(code))).json()) as { refresh_token: string };
  await expectError(
    await postToken(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      scope: 'orders:read',
    }),
    400,
    'invalid_scope',
  );
  await expectError(
    await postToken(
      provider,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: PUBLIC_CLIENT },
      { auth: null },
    ),
    400,
    'invalid_grant',
  );
  await expectError(await postToken(provider, { grant_type: 'refresh_token' }), 400, 'invalid_request');
  const narrowed = await postToken(provider, {
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh_token,
    scope: 'email',
  });
  expect(narrowed.status).toBe(200);
  expect(((await narrowed.json()) as { scope: string }).scope).toBe('email');
});

test('/v1/me answers 401 for missing, unknown and expired tokens (RFC 6750 §3)', async () => {
  const { access_token: token } = await expectWorkingExchange();
  await test.step('no token: a challenge without an error code', async () => {
    const response = await getMe(provider, undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mock-provider"');
  });
  await test.step('unknown token', async () => {
    const response = await getMe(provider, 'mock_at_forged');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
  await test.step('malformed header', async () => {
    const response = await getMe(provider, undefined, `Token ${token}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });
  await test.step('without the email scope, no email', async () => {
    const body = (await (await getMe(provider, token)).json()) as Record<string, unknown>;
    expect(body).toEqual({ id: 'user-1', name: 'Ada Lovelace', scope: 'profile' });
  });
  await test.step('expired token', async () => {
    provider.advanceClock(3601);
    const response = await getMe(provider, token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_description: string }).error_description).toContain('expired');
  });
});

test('CORS: a browser app may call the token endpoint and /v1/me', async () => {
  const preflight = await fetch(provider.tokenUrl, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
});

test('every duplicated parameter, and text/plain or multipart bodies, are invalid_request; the code survives', async () => {
  const { verifier, challenge } = pkcePair();
  const code = await getCode(provider, { challenge });
  const form: Record<string, string> = exchangeForm(code, { code_verifier: verifier });
  const encoded = new URLSearchParams(form).toString();
  for (const name of ['grant_type', 'redirect_uri', 'code_verifier'] as const)
    await test.step(`${name} twice`, async () => {
      const body = await expectError(
        await postToken(provider, `${encoded}&${name}=${encodeURIComponent(form[name]!)}`),
        400,
        'invalid_request',
      );
      expect(body.error_description).toContain(name);
    });
  await test.step('client_id twice (client_secret_post)', async () => {
    const post = `${encoded}&client_id=${CLIENT.id}&client_id=${CLIENT.id}&client_secret=${CLIENT.secret}`;
    // Duplicates are refused before the client is authenticated.
    const body = await expectError(await postToken(provider, post, { auth: null }), 400, 'invalid_request');
    expect(body.error_description).toContain('client_id');
  });
  await test.step('text/plain', async () => {
    await expectError(await postToken(provider, encoded, { contentType: 'text/plain' }), 400, 'invalid_request');
  });
  await test.step('multipart/form-data', async () => {
    const multipart = new FormData();
    for (const [name, value] of Object.entries(form)) multipart.append(name, value);
    const response = await fetch(provider.tokenUrl, {
      method: 'POST',
      headers: { Authorization: basic(CLIENT.id, CLIENT.secret) },
      body: multipart,
    });
    await expectError(response, 400, 'invalid_request');
  });
  // None of those spent the code, and the provider still answers a correct request.
  expect((await postToken(provider, encoded)).status).toBe(200);
  await expectWorkingExchange();
});
