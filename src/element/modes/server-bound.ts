/**
 * `server="/auth"`: the partner's auth handler runs the flow and keeps the tokens
 * (flow/server-bound.ts); the page shows who is connected (./connected.ts, imported here).
 * `import 'oauth-connect/modes/server-bound'`.
 */
import {
  callServer,
  complete,
  prepareStart,
  sessionAt,
  startServerFlow,
  type PreparedStart,
  type ServerFlowOptions,
} from '../../flow/server-bound.js';
import type { ConnectError } from '../../flow/errors.js';
import './connected.js';
import { modes, registerMode, type Mode, type ModeElement } from './mode.js';

/** A `start` asked for on intent, by element: it serves one click (each flow has its own state). */
const prepared = new WeakMap<ModeElement, PreparedStart>();

/** The element is its own options bag: its properties have the option names (and this mode's needs `server`). */
const options = (el: ModeElement) => el as ServerFlowOptions;

registerMode('server-bound', {
  prepare: (el) => void (prepared.has(el) || prepared.set(el, prepareStart(options(el)))),
  start: (el, onStart, popup) => {
    const ready = prepared.get(el) ?? prepareStart(options(el));
    prepared.delete(el);
    // mode="redirect" (or mode="auto" where it redirects): the page itself goes, through the redirect module.
    return modes[el.mode ?? '']?.redirects?.(el)
      ? (modes.redirect as Required<Mode>).leave(options(el), ready.promise, onStart)
      : startServerFlow(options(el), ready, onStart, popup);
  },
  restore: (el) =>
    void sessionAt(options(el).server).then(
      (accounts) => {
        const account = accounts[el.provider ?? ''];
        const { provider } = el;
        if (account && !el.current)
          el.report([
            'connected',
            'connect-restore',
            { account: (el.account = account), ...(provider && { provider }) },
          ]);
      },
      // The server could not tell: the button stays usable (idle), the page learns why.
      ({ error, errorDescription }: ConnectError) =>
        el.report(['idle', 'connect-error', { error, ...(errorDescription && { errorDescription }) }, 'error']),
    ),
  complete,
  end: (el) => callServer(options(el).server, '/logout', { provider: el.provider }),
});
