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
import { modes, registerMode, type Mode, type ModeElement } from './mode.js';

/**
 * A `start` asked for on intent, by the element's shadow root (which `mode="auto"`'s redirect view of
 * the element shares): it serves one click (each flow has its own state).
 */
const prepared = new WeakMap<object, PreparedStart>();

/**
 * The element's prepared `start`, taken (`take`) or kept for the click (then asked for now if it was not).
 * The element is its own options bag: its properties have the option names (and this mode's needs `server`).
 */
const ahead = (el: ModeElement, take?: boolean) => {
  const root = el.shadowRoot as ShadowRoot;
  const ready = prepared.get(root) ?? prepareStart(el as ServerFlowOptions);
  if (take) prepared.delete(root);
  else prepared.set(root, ready);
  return ready;
};

registerMode('server-bound', {
  prepare: ahead,
  start: (el, onStart, popup) =>
    // mode="redirect" (or mode="auto"'s redirect view): the page itself goes, through the redirect module's leg.
    startServerFlow(
      el as ServerFlowOptions,
      ahead(el, true),
      onStart,
      popup,
      el.mode == 'redirect' && (modes.redirect as Required<Mode>).keep,
    ),
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
