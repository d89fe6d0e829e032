/**
 * The one part of the redirect flow every page carries: a result handed back in the address bar
 * (`#oauth-connect=…`, written by the callback page) leaves it as soon as the bundle evaluates,
 * whether or not the page imported the redirect mode, so that a code or token never stays in
 * the URL, its history entry or a Referer. Matching it to its element is redirect.ts's job.
 */
import { RETURN_MARK } from '../protocol/callback.js';

/** The result the address bar carried, from when the bundle saw it until its element takes it (redirect.ts). */
export const returned: { result?: URLSearchParams | undefined } = {};

/**
 * Takes a returned result out of the address bar at once (at the bundle's load,
 * not when an element connects: a single-page app may mount its button much
 * later), and puts the page's own fragment back. Keeps the result in memory
 * for `takeRedirectResult`. Cheap and idempotent: most loads return at the
 * first check.
 */
export const takeReturnFromUrl = (): void => {
  const { hash, href } = location;
  const at = hash.indexOf(RETURN_MARK);
  if (at < 0) return;
  // The callback page wrote `#oauth-connect=<encoded result>` then the page's own fragment, if any.
  // A hash router may have put its route in front (`#/settings#oauth-connect=…`): the result
  // leaves the address bar all the same, whoever claims it.
  const [encoded = '', own] = hash.slice(at + RETURN_MARK.length).split(/#([^]*)/);
  // The address up to the mark (`at` counts from the end of `href`, which ends with `hash`).
  history.replaceState(history.state, '', href.slice(0, at - hash.length) + (own ? '#' + own : ''));
  try {
    returned.result = new URLSearchParams(decodeURIComponent(encoded));
  } catch {
    returned.result = undefined; // malformed percent-encoding: not from our callback page, which encodes it
  }
};
