// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Call the provider's API", UltraCart; test/e2e/readme-api.api.spec.ts runs it against the mock as UltraCart.
import type { AuthHandlerOptions, SignInInfo } from 'oauth-connect/server';

// #region readme
import { createAuthHandler } from 'oauth-connect/server';

const auth = createAuthHandler({
  secret: process.env.SESSION_SECRET!,
  providers: {
    ultracart: {
      profile: 'ultracart', // UltraCart's URLs, its X-UltraCart-Api-Version header, secure.ultracart.com/rest/v2
      clientId: process.env.ULTRACART_CLIENT_ID!,
      clientSecret: process.env.ULTRACART_CLIENT_SECRET,
      redirectUri: 'https://partner.example/callback.html',
      api: { allow: ['GET /order/orders'] }, // the page's proxy: GET /auth/api/ultracart/order/orders
    },
  },
  // UltraCart has no user-info endpoint. Its token response names the store: `merchant_id`, "the UltraCart
  // merchant account that authorized this token" (OauthTokenResponse in UltraCart's SDK docs).
  onSignIn: ({ provider, tokens, account }) => {
    if (provider != 'ultracart') return account;
    const store = tokens.raw.merchant_id;
    if (typeof store != 'string') throw new Error('UltraCart did not name the store (merchant_id).');
    return { id: store, name: `UltraCart store ${store}` };
  },
});

export default { fetch: (request: Request) => auth(request) };
// #endregion readme

// Outside the README: onSignIn's account is undefined when the provider says nothing of the user
// (UltraCart), so reading it unchecked must not compile; returning nothing does (the sign-in then fails).
// @ts-expect-error: account is possibly undefined
export const careless: AuthHandlerOptions['onSignIn'] = ({ account }) => ({ id: account.id, name: account.name });
export const keeps: AuthHandlerOptions['onSignIn'] = ({ account }) => account;
export const given: SignInInfo['account'] = undefined;
