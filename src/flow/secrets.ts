/**
 * The per-flow secrets: `state` (CSRF protection, RFC 6749 §10.12, RFC 9700 §4.7)
 * and the PKCE pair (RFC 7636). Both are 32 random bytes, base64url-encoded
 * (43 characters), as RFC 7636 §4.1 recommends for the verifier.
 */

/** base64url without padding (RFC 7636 Appendix A). */
export const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/=+$/, '')
    .replace(/[+/]/g, (char) => (char == '+' ? '-' : '_'));

/** 32 bytes from the platform CSPRNG, base64url. */
export const randomToken = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** `code_challenge` for the S256 method: base64url(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export const pkceChallenge = async (verifier: string): Promise<string> =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
}

export const createPkcePair = async (): Promise<PkcePair> => {
  const codeVerifier = randomToken();
  return { codeVerifier, codeChallenge: await pkceChallenge(codeVerifier) };
};

/*
 * `crypto.subtle.digest` is asynchronous, but the popup must open in the same
 * task as the click (Safari and Firefox block `window.open` after an await).
 * So one PKCE pair is kept ready ahead of time: `preparePkce()` when an element
 * connects, and again whenever a flow takes the spare one.
 */
let spare: PkcePair | undefined;
let filling: Promise<unknown> | undefined;

/** Makes sure a PKCE pair is ready for the next flow. Safe to call often. */
export const preparePkce = (): void => {
  if (!spare)
    filling ??= createPkcePair()
      .then((pair) => (spare = pair))
      // No SubtleCrypto (an insecure context): the flow reports it when it needs one.
      .catch(() => {})
      .then(() => (filling = undefined));
};

/** Takes the ready pair (each pair is used once) and starts preparing the next. */
export const takePkce = (): PkcePair | undefined => {
  const pair = spare;
  spare = undefined;
  preparePkce();
  return pair;
};
