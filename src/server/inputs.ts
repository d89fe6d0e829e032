/**
 * What the page sends that the handler reads beyond a provider id: the
 * callback's parameters (pairs as received, or the first release's object),
 * and the page's languages for `ui_locales`.
 */
import { AuthError, ERROR_CODES } from './errors.js';

const invalid = (description: string) => new AuthError(ERROR_CODES.invalidRequest, description, { status: 400 });

/**
 * The callback's parameters in the order received, duplicates kept, so that
 * oauth4webapi's `validateAuthResponse` can refuse a parameter sent twice
 * (RFC 6749 §3.1). An object of strings (the first release's form) is still accepted.
 */
export const callbackPairs = (params: unknown): URLSearchParams => {
  const pairs = pairsOf(params);
  // RFC 6749 §3.1: no parameter twice. oauth4webapi checks the ones it reads (state, iss, error, code),
  // each at its own step; one rule here refuses them all before anything is looked up or sent.
  if (new Set(pairs.map(([name]) => name)).size != pairs.length)
    throw new AuthError(
      ERROR_CODES.invalidResponse,
      'The authorization response has a parameter more than once (RFC 6749 §3.1).',
      { status: 400 },
    );
  return new URLSearchParams(pairs);
};

const pairsOf = (params: unknown): string[][] => {
  if (Array.isArray(params)) {
    const pairs = params as unknown[];
    if (
      !pairs.every((pair) => Array.isArray(pair) && pair.length == 2 && pair.every((item) => typeof item == 'string'))
    )
      throw invalid("params must be the callback's [name, value] pairs, as strings.");
    return pairs as string[][];
  }
  if (params && typeof params == 'object') {
    const entries = Object.entries(params);
    if (!entries.every(([, value]) => typeof value == 'string'))
      throw invalid("params must be the callback's [name, value] pairs, as strings.");
    return entries as string[][];
  }
  throw invalid("params must be the callback's [name, value] pairs.");
};

/** At most this many languages go to the provider (a page says one, a browser a handful). */
const MAX_LOCALES = 5;

/**
 * The `ui_locales` value for the page's languages (OpenID Connect Core
 * §3.1.2.1: BCP 47 tags separated by spaces, preferred first). The rule: each
 * tag must be well-formed BCP 47 (`Intl.getCanonicalLocales` decides, and gives
 * its canonical case); a malformed one is dropped, duplicates go, the first
 * five are kept. Nothing valid, or not a string: no `ui_locales`, and the
 * sign-in goes on, since a language is only a hint.
 */
export const uiLocalesOf = (value: unknown): string | undefined => {
  if (typeof value != 'string' || value.length > 200) return undefined;
  const tags: string[] = [];
  for (const tag of value.split(/\s+/).filter(Boolean)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && !tags.includes(canonical)) tags.push(canonical);
    } catch {
      // Not BCP 47: dropped.
    }
  }
  return tags.slice(0, MAX_LOCALES).join(' ') || undefined;
};
