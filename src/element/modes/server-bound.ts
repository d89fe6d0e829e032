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
import { failure, type Outcome } from '../status.js';
import './connected.js';
import { modes, registerMode, type ModeElement, type ModeName } from './mode.js';

/** A `start` asked for on intent, by element: it serves one click (each flow has its own state). */
const prepared = new WeakMap<ModeElement, PreparedStart>();

/**
 * The element's prepared `start`, taken (`take`) or kept for the click (then asked for now if it was not).
 * The element is its own options bag: its properties have the option names (and this mode's needs `server`).
 */
const ahead = (el: ModeElement, take?: boolean) => {
  const ready = prepared.get(el) ?? prepareStart(el as ServerFlowOptions);
  if (take) prepared.delete(el);
  else prepared.set(el, ready);
  return ready;
};

registerMode('server-bound', {
  prepare: ahead,
  start: (el, onStart, popup) => {
    // The flow for the element or for the view of it that its mode chooses (`route`: mode="auto"'s
    // redirect view, or its way out instead). mode="redirect": the page itself goes, through the
    // redirect module's leg.
    const serve = (view: ModeElement) =>
      startServerFlow(
        view as ServerFlowOptions,
        ahead(el, true),
        onStart,
        popup,
        // The redirect module's leg, which only it has.
        modes[view.mode as ModeName]?.keep,
      );
    // (No mode: `modes.undefined`, which is none.)
    return modes[el.mode as ModeName]?.route?.(el, serve) ?? serve(el);
  },
  restore: (el) =>
    void sessionAt((el as ServerFlowOptions).server).then(
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
      (error: ConnectError) => {
        const [, type, detail] = failure(error);
        el.report(['idle', type, detail, 'error'] as Outcome);
      },
    ),
  complete,
  end: (el) => callServer((el as ServerFlowOptions).server, '/logout', { provider: el.provider }),
});
