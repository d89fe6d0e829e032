/**
 * The account a session shows the page: taken from the provider's claims, and
 * cut to what the page may safely see, whoever produced it (the provider or
 * the partner's `onSignIn`).
 */
import type { Account } from '../protocol/bff.js';
import { AuthError, ERROR_CODES } from './errors.js';

/** Longest picture kept: a `data:` image of a few KB is an avatar, not a payload. */
const MAX_PICTURE = 8192;

/**
 * A picture the page may put in `<img src>`: `https:` (no mixed content, no
 * `javascript:`), or an inline image. Anything else is dropped.
 */
export const safePicture = (value: unknown): string | undefined => {
  if (typeof value != 'string' || value.length > MAX_PICTURE) return undefined;
  if (/^data:image\//i.test(value)) return value;
  try {
    return new URL(value).protocol == 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Who signed in, from the ID token's claims or the userinfo answer: `sub` (or `id`) and name / email /
 * picture; undefined when they name no one (no claims, or no `sub` or `id`).
 */
export const claimedAccount = (claims: Record<string, unknown> | undefined): Account | undefined => {
  const text = (name: string) =>
    typeof claims?.[name] == 'string' && claims[name] ? (claims[name] as string) : undefined;
  const id = text('sub') ?? (typeof claims?.id == 'number' ? String(claims.id) : text('id'));
  if (!id) return undefined;
  const picture = text('picture');
  return {
    id,
    name: text('name') ?? text('preferred_username') ?? text('email') ?? id,
    ...(text('email') && { email: text('email') }),
    ...(picture && { picture }),
  };
};

/**
 * The session's account, once onSignIn (if any) had its say: none is a failed sign-in, logged (a 5xx),
 * with what to fix. Without onSignIn the provider's answer lacked a `sub` or `id`; with it, onSignIn
 * returned nothing for a provider that said nothing.
 */
export const requireAccount = (account: Account | undefined, hasOnSignIn: boolean): Account => {
  if (account !== undefined && account !== null) return account;
  if (!hasOnSignIn)
    throw new AuthError(ERROR_CODES.invalidResponse, 'The provider did not say who signed in (no sub or id).', {
      status: 502,
    });
  throw new AuthError(
    ERROR_CODES.serverError,
    'No account for this sign-in: the provider did not say who signed in and onSignIn returned none. Return the account from onSignIn (from the token response or an API call made with tokens.accessToken).',
    { status: 500 },
  );
};

/** The account as stored and shown: strings only, and a picture only when it is `https:` or `data:image/`. */
export const publicAccount = (account: Account): Account => {
  if (!account || typeof account.id != 'string' || !account.id)
    throw new TypeError('oauth-connect/server: onSignIn must return an account with a string id.');
  const picture = safePicture(account.picture);
  return {
    id: account.id,
    name: typeof account.name == 'string' ? account.name : account.id,
    ...(typeof account.email == 'string' && { email: account.email }),
    ...(picture && { picture }),
  };
};
