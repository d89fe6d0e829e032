/**
 * How `<oauth-connect>` signs in is a mode, and each mode a module that registers itself when
 * imported, so that a page pays only for the ones it uses: the popup (built in), `redirect`,
 * `issuer`, `server-bound`, `connected`. The element asks its mode; it never asks "which mode?".
 */
import { ConnectCancelled } from '../../flow/errors.js';
import { startPopupFlow, type FlowLegs } from '../../flow/popup-flow.js';
import type { OnStart, PendingFlow } from '../../flow/session.js';
import type { ConnectAccount } from '../../flow/server-bound.js';
import type { ConnectSuccessDetail, OAuthConnectEventMap } from '../events.js';
import type { ConnectStrings } from '../locales.js';
import type { Fill } from '../shadow.js';
import type { Outcome } from '../status.js';
import type { ConnectOptions } from '../../flow/options.js';
import type { keepServerFlow } from '../../flow/redirect.js';
import type { complete } from '../../flow/server-bound.js';

/** What a mode sees of `<oauth-connect>` (the element passes itself: its properties have the option names). */
export interface ModeElement extends HTMLElement, ConnectOptions {
  server?: string | undefined;
  account?: ConnectAccount | undefined;
  /** The account shown, from `account` or `account-name`. */
  readonly current: ConnectAccount | undefined;
  /** The element's language, for the provider's `ui_locales`. */
  readonly uiLocales: string;
  requestUpdate(): void;
  disconnect(): Promise<void>;
  /** Shows an outcome that no click started (a returned redirect, a restored account) and fires its event. */
  report(outcome: Outcome): void;
  /** Fires one of the element's events. */
  emit<K extends keyof OAuthConnectEventMap>(type: K, detail: OAuthConnectEventMap[K]['detail']): boolean;
}

/** What a mode does for an element; every step is optional but `start` for a mode that signs in. */
export interface Mode {
  /**
   * Starts a flow on a click: everything up to `window.open` synchronous (the user activation).
   * `popup`: opened blank already, when the click came before this mode's module.
   */
  start?(el: ModeElement, onStart: OnStart, popup?: Window | null): PendingFlow<ConnectSuccessDetail>;
  /** On intent (pointer, focus, touch), ahead of the click: ask a server, fetch metadata. */
  prepare?(el: ModeElement): void;
  /**
   * Once per element, when it first renders with this mode there: reports (`el.report`) a result
   * this page came back with, or shows an account a server still holds.
   */
  restore?(el: ModeElement): void;
  /** Whether a click on `el` takes the page itself to the provider (no window opens): `auto`'s choice. */
  redirects?(el: ModeElement): boolean;
  /** Ends the connection before the element goes back to idle (the server revokes its tokens). */
  end?(el: ModeElement): Promise<unknown>;
  /** Paints its part of the shadow tree after the element's own painting (the connected look). */
  paint?(el: ModeElement, root: ShadowRoot, status: Element, text: ConnectStrings, fill: Fill): void;
  /** What it lends the popup flow (the redirect leg, discovery). */
  legs?: FlowLegs;
  /** The redirect module's server-bound leg, for `server` with `mode="redirect"` or `mode="auto"`'s redirect view. */
  keep?: typeof keepServerFlow;
  /**
   * Chooses how a flow of the element starts, for another mode's flow (`go`, given the element or a
   * view of it): `auto` hands the server-bound flow a redirect view of the element, or starts none.
   */
  route?(
    el: ModeElement,
    go: (view: ModeElement) => PendingFlow<ConnectSuccessDetail>,
  ): PendingFlow<ConnectSuccessDetail>;
  /** The server-bound module's `complete`, which the redirect module's return posts the pairs with. */
  complete?: typeof complete;
}

/** The names a page can import: `oauth-connect/modes/<name>`, `dist/modes/<name>.js`. */
export type ModeName = 'popup' | 'redirect' | 'issuer' | 'server-bound' | 'connected' | 'auto' | (string & {});

/**
 * The modes imported so far; the popup is built in, and borrows the redirect leg and discovery
 * when their modules are there. No prototype: `mode="constructor"` finds nothing.
 */
export const modes: Partial<Record<ModeName, Mode>> = Object.assign(Object.create(null), {
  popup: {
    start: (el, onStart, popup) =>
      startPopupFlow(el, onStart, { ...modes.redirect?.legs, ...modes.issuer?.legs }, popup),
  } satisfies Mode,
});

/** Makes a mode available to every element, including those already on the page. */
export const registerMode = (name: ModeName, mode: Mode): void => {
  modes[name] = mode;
  modeAdded?.();
};

/** Set by the element: renders every element again when a mode arrives. */
let modeAdded: (() => void) | undefined;
export const onModeAdded = (callback: () => void): void => void (modeAdded = callback);

/**
 * Loads a missing mode (the script-tag bundle: a dynamic import of the file beside it); the npm build has none,
 * so that nothing under dist/lib loads code by itself. Resolves once the mode is registered.
 */
let loader: ((name: ModeName) => Promise<unknown>) | undefined;
export const setModeLoader = (load: (name: ModeName) => Promise<unknown>): void => void (loader = load);

/** Each mode's load, once per page. */
const loading: Record<string, Promise<unknown>> = {};
export const loadMode = (name: ModeName): Promise<unknown> | undefined => loader && (loading[name] ??= loader(name));

/**
 * A flow whose mode is still on its way: `start` runs once it has arrived, with `popup` (opened
 * blank on the click, for the user activation) or none (a redirect: the page leaves then).
 */
export const startLater = (
  arrival: Promise<unknown>,
  popup: Window | null,
  start: (popup: Window | null) => PendingFlow<ConnectSuccessDetail>,
): PendingFlow<ConnectSuccessDetail> => {
  let inner: PendingFlow<ConnectSuccessDetail> | undefined;
  let settled = false;
  let cancel!: (reason: Error) => void;
  const result = Promise.race([
    new Promise<never>((_, reject) => (cancel = reject)),
    arrival.then(() => (inner = start(popup)).result),
  ]);
  const end = () => ((settled = true), popup?.close());
  result.then(end, end);
  return {
    get state() {
      return inner?.state ?? '';
    },
    get settled() {
      return settled;
    },
    result,
    focus: () => (inner ? inner.focus() : popup?.focus()),
    abort: () => (inner ? inner.abort() : cancel(new ConnectCancelled('aborted'))),
  };
};
