/**
 * `mode="redirect"` and `fallback="redirect"`: the page itself goes to the provider and comes back
 * (flow/redirect.ts); this module also finds which element a returned result is for.
 * `import 'oauth-connect/modes/redirect'`.
 */
import { resolveOptions } from '../../flow/options.js';
import {
  dropExpiredFlows,
  keepServerFlow,
  redirectTarget,
  saveFlowFor,
  serverTarget,
  takeRedirectResult,
} from '../../flow/redirect.js';
import type { ConnectSuccessDetail } from '../events.js';
import { live } from '../live.js';
import { failure } from '../status.js';
import { modes, registerMode, type Mode, type ModeElement } from './mode.js';

/** What tells an element's redirect flows apart (`redirectTarget`); undefined when its options are invalid. */
const targetOf = (el: ModeElement): string | undefined => {
  try {
    return el.server ? serverTarget(el) : redirectTarget(el, resolveOptions(el));
  } catch {
    return undefined;
  }
};

/** A sort comparator; 2 is `Node.DOCUMENT_POSITION_PRECEDING` (the name costs bytes in every page). */
const inDocumentOrder = (a: Node, b: Node) => (a.compareDocumentPosition(b) & 2 ? 1 : -1);

// Once per page, not once per element: a page may hold a hundred buttons.
dropExpiredFlows();

registerMode('redirect', {
  // The popup mode's flow, which navigates the page itself in this mode.
  start: (modes.popup as Required<Mode>).start,
  legs: { saveRedirect: saveFlowFor },
  keep: keepServerFlow,
  // Back from a redirect flow? Reported once the page's own scripts have added their listeners.
  restore: (el) => {
    const report = () =>
      setTimeout(() =>
        // A promise, so that a result that throws (an error result, a forged one) is reported as one that rejects.
        new Promise<ConnectSuccessDetail | undefined>((resolve) =>
          resolve(
            takeRedirectResult(({ target, id }) => {
              // The result is for the elements with the options that started the flow; among identical
              // ones, for the one with the same id, else the first in document order. Never for two.
              // (Only `<oauth-connect>` elements are live.)
              const same = ([...live] as ModeElement[]).filter((other) => targetOf(other) == target);
              return (same.find((other) => id && other.id == id) ?? same.sort(inDocumentOrder)[0]) == el;
            }, modes['server-bound']?.complete),
          ),
        ).then(
          // Server-bound: once `complete` has answered, the account is shown, as after the popup.
          (detail) =>
            detail &&
            el.report([
              detail.responseType == 'session' ? ((el.account = detail.account), 'connected') : 'success',
              'connect-success',
              detail,
            ]),
          (error: Error) => el.report(failure(error)),
        ),
      );
    if (document.readyState == 'loading') addEventListener('DOMContentLoaded', report, { once: true });
    else report();
  },
});
