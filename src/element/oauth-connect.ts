import {
  ReactiveElement,
  type PropertyDeclaration,
  type PropertyDeclarations,
  type PropertyValues,
} from '@lit/reactive-element';
import type { ConnectResult } from '../flow/callback-result.js';
import { redirectTarget, startFlow, type PendingFlow } from '../flow/connect.js';
import { ConnectCancelled, type ConnectError } from '../flow/errors.js';
import { resolveOptions, type ConnectOptions, type ResponseType } from '../flow/options.js';
import {
  callServer,
  prepareStart,
  sessionAt,
  startServerFlow,
  type ConnectAccount,
  type PreparedStart,
  type ServerFlowOptions,
  type SessionResult,
} from '../flow/server-bound.js';
import { providers } from '../flow/providers.js';
import { discover } from '../flow/issuer.js';
import { dropExpiredFlows, takeRedirectResult, takeReturnFromUrl } from '../flow/redirect.js';
import { preparePkce } from '../flow/secrets.js';
import { parseUrl } from '../flow/urls.js';
import type { OAuthConnectEventMap } from './events.js';
import { LocaleController } from './locale-controller.js';
import type { ConnectStrings } from './locales.js';
import { styles } from './styles.js';

/** Where the button is in its life; mirrored to the `status` attribute and to CSS custom states (`:state(pending)`). */
export type ConnectStatus = 'idle' | 'pending' | 'success' | 'error' | 'connected';

/** Reactive properties named in camelCase, each with its kebab-case attribute (`clientId`: `client-id`). */
const attributes = (names: string, declaration?: PropertyDeclaration): PropertyDeclarations =>
  Object.fromEntries(
    names.split(' ').map((name) => [name, { attribute: name.replace(/[A-Z]/g, '-$&').toLowerCase(), ...declaration }]),
  );

/**
 * A "Sign in with …" button that runs an OAuth 2 authorization flow in a popup.
 *
 * @fires connect-start - The popup opened. `detail: { state, url }`.
 * @fires connect-success - The provider sent a code or a token. `detail`: a `ConnectResult`.
 * @fires connect-error - The provider or the flow failed. `detail: { error, errorDescription?, errorUri? }`.
 * @fires connect-cancel - The flow ended without a result. `detail: { reason: 'closed' | 'timeout' | 'aborted' }`.
 * @fires connect-disconnect - Cancelable: `disconnect()` or the Disconnect button is about to end the connection. `detail: { account, provider? }`.
 * @attr server - Server-bound mode: where your `createAuthHandler` is mounted on this origin (`/auth`). It keeps the verifier and tokens; `connect-success` then has `{ responseType: 'session', account, state, provider? }`.
 * @attr account-name - Shows the connected look for this name (HTML-only pages); the `account` property does the same with `{ id?, name, email?, picture? }`.
 * @attr provider - A preset: `ulule`, `ultracart`, or one added with `registerProvider`.
 * @attr authorize-url - The provider's authorization endpoint.
 * @attr issuer - The provider's issuer identifier (RFC 9207): an answer whose `iss` names another is `invalid_response`.
 * @attr {boolean} require-iss - Refuses an answer without `iss`.
 * @attr client-id - Your client ID at the provider.
 * @attr redirect-uri - Your callback page, on this page's origin.
 * @attr scope - Space-separated scopes.
 * @attr response-type - `code` (default) or `token`.
 * @attr {boolean} no-pkce - Skips PKCE in `code` flows.
 * @attr {number} timeout - Seconds before a pending flow is cancelled (`0` = never). Default 300.
 * @attr {number} popup-width - Default 500.
 * @attr {number} popup-height - Default 650.
 * @attr mode - `popup` (default) or `redirect`.
 * @attr fallback - `redirect`: navigate this page when the popup is blocked.
 * @attr {boolean} disabled
 * @attr label - The button text, when the default slot is empty.
 * @attr {boolean} no-status - Hides the status text (screen readers still hear it).
 * @attr status - Read-only: `idle`, `pending`, `success`, `error`, or `connected` while an account is set; `reset()` puts it back to `idle`.
 * @attr size - `small`, `medium` (default) or `large`.
 * @attr variant - `filled` (default) or `outline`.
 * @attr theme - `light` or `dark`; by default the page's own `color-scheme` (light when it sets none).
 * @attr {boolean} full-width - Fills the line.
 * @slot - The button text; overrides `label` and the localized default.
 * @slot icon - The provider's logo; the default is a neutral monogram.
 * @csspart button - The sign-in `<button>`.
 * @csspart icon - The icon box (monogram, slotted logo or spinner).
 * @csspart label - The button text.
 * @csspart cancel - The cancel button, shown while the popup is open.
 * @csspart status - The status text (a polite live region); "Connected as …" while connected.
 * @csspart picture - The connected account's picture, when it has one.
 * @csspart disconnect - The Disconnect button, shown while connected.
 * @cssprop --oauth-connect-accent - Button background and border (default: the preset's brand color, else #1f2937, #6b7280 in dark theme).
 * @cssprop --oauth-connect-on-accent - Text on the accent (default #fff).
 * @cssprop --oauth-connect-text - Status text, outline and cancel button text.
 * @cssprop --oauth-connect-surface - Background of the outline variant and the cancel button.
 * @cssprop --oauth-connect-error - Status text after an error.
 * @cssprop --oauth-connect-radius - Corner radius (default 6px).
 * @cssprop --oauth-connect-font - Font shorthand.
 */
export class OAuthConnectElement extends ReactiveElement implements ConnectOptions {
  static override shadowRootOptions: ShadowRootInit = { ...ReactiveElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    ...attributes(
      'provider authorizeUrl issuer clientId redirectUri scope responseType mode fallback label server accountName',
    ),
    ...attributes('timeout popupWidth popupHeight', { type: Number }),
    ...attributes('noPkce disabled noStatus requireIss', { type: Boolean, reflect: true }),
    ...attributes('status', { reflect: true }),
    params: { attribute: false },
    account: { attribute: false },
  };

  static override styles = styles;

  /** A preset: `ulule`, `ultracart`, or one added with `registerProvider`. Explicit attributes win over it. */
  declare provider: string | undefined;
  /** The provider's authorization endpoint. */
  declare authorizeUrl: string | undefined;
  /** The provider's issuer identifier (RFC 9207); a preset may carry one. */
  declare issuer: string | undefined;
  /** Refuses an answer without `iss`. */
  declare requireIss: boolean;
  declare clientId: string;
  /** Your callback page, on this page's origin; absolute or relative. */
  declare redirectUri: string;
  /** Space-separated scopes. */
  declare scope: string | undefined;
  /** `code` (default) or `token`. */
  declare responseType: ResponseType | undefined;
  /** Skips PKCE in `code` flows; only for providers that reject it. */
  declare noPkce: boolean;
  /** Seconds before a pending flow is cancelled (`0` = never). Default 300. */
  declare timeout: number | undefined;
  /** Default 500. */
  declare popupWidth: number | undefined;
  /** Default 650. */
  declare popupHeight: number | undefined;
  /** `popup` (default) or `redirect`: navigate this page to the provider instead of opening a popup. */
  declare mode: 'popup' | 'redirect' | undefined;
  /** `redirect`: navigate this page when the popup is blocked. */
  declare fallback: 'redirect' | undefined;
  declare disabled: boolean;
  /** The button text, when the default slot is empty. Default: "Sign in with {provider}", localized. */
  declare label: string | undefined;
  /** Hides the status text (it is still announced to screen readers). */
  declare noStatus: boolean;
  /** Extra authorization request parameters. */
  declare params: Record<string, string> | undefined;
  /** Read-only: where the flow is. */
  declare status: ConnectStatus;
  /** Server-bound mode: the path of your auth handler on this origin (`/auth`). */
  declare server: string | undefined;
  /** Who is connected: shows "Connected as {name}" and a Disconnect button. Set by a server-bound sign-in, or by you. */
  declare account: ConnectAccount | undefined;
  /** The connected account's name, for pages without script (the `account` property wins). */
  declare accountName: string | undefined;

  /** A server-bound `start` asked for on intent (pointer, focus, touch), used by the next click. */
  #prepared: PreparedStart | undefined;

  #flow: PendingFlow<ConnectResult | SessionResult> | undefined;
  /** The status text when it is not the status's own (`cancelled` after Deny, `unavailable` for a setup mistake). */
  #note: keyof ConnectStrings | undefined;
  /** The setup mistakes already logged to the console, so that each is logged once. */
  #logged = new Set<string>();
  #parts!: Parts;
  #internals = this.attachInternals();
  /** The element's language and its words. */
  #locale = new LocaleController(this);

  constructor() {
    super();
    this.noPkce = this.disabled = this.noStatus = this.requireIss = false;
    this.responseType = 'code';
    this.timeout = 300;
    this.popupWidth = 500;
    this.popupHeight = 650;
    this.status = 'idle';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    live.add(this);
    takeReturnFromUrl();
    preparePkce();
    const { server } = this;
    if (server)
      void sessionAt(server).then((accounts) => {
        const account = accounts[this.provider ?? ''];
        if (account && !this.#current()) this.account = account;
      });
    // Back from a redirect flow? Report it once the page's own scripts have added their listeners.
    const report = () => setTimeout(() => this.#reportRedirectResult());
    if (document.readyState == 'loading') addEventListener('DOMContentLoaded', report, { once: true });
    else report();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    live.delete(this);
    this.abort();
  }

  /**
   * Opens the popup and resolves with the result. While a flow is pending it
   * brings the popup to the front and returns the same promise. Rejects with
   * `ConnectError` or `ConnectCancelled`; the matching event fires either way.
   */
  connect(): Promise<ConnectResult | SessionResult> {
    let flow = this.#flow;
    if (flow && !flow.settled) {
      flow.focus();
      return flow.result;
    }
    const onStart = (detail: { state: string; url: string }) => this.#emit('connect-start', detail);
    // The start asked for on intent serves one click: each flow has its own state.
    const prepared = this.#prepared;
    this.#prepared = undefined;
    // The element is its own options bag: its properties have the option names.
    flow = this.#flow = this.server
      ? startServerFlow(this as ServerFlowOptions, prepared ?? prepareStart(this as ServerFlowOptions), onStart)
      : startFlow(this, onStart);
    this.#note = undefined;
    this.status = 'pending';
    flow.result.then(
      (result) => {
        if (result.responseType == 'session') this.account = result.account;
        this.#end(flow, result.responseType == 'session' ? 'connected' : 'success', 'connect-success', result);
      },
      (error: Error) => this.#fail(error, flow),
    );
    return flow.result;
  }

  /**
   * Ends the connection: fires the cancelable `connect-disconnect`; unless it
   * was cancelled, in server-bound mode posts `logout` (the server revokes the
   * tokens), then goes back to idle. A failed logout is a `connect-error` and
   * leaves the account shown.
   */
  async disconnect(): Promise<void> {
    const account = this.#current();
    const { server, provider } = this;
    if (!account || !this.#emit('connect-disconnect', { account, ...(provider && { provider }) }, true)) return;
    try {
      if (server) await callServer(server, '/logout', { provider });
      this.reset();
    } catch (error) {
      this.#fail(error as Error);
      this.status = 'connected';
    }
  }

  /** The account shown: the property, else the `account-name` attribute's. */
  #current(): ConnectAccount | undefined {
    return this.account ?? (this.accountName ? { name: this.accountName } : undefined);
  }

  /** Ends a pending flow with `connect-cancel` `aborted` and closes its popup. */
  abort(): void {
    this.#flow?.abort();
  }

  /**
   * Back to `idle` with no status text: after your server's code exchange
   * failed, or the user signed out on your site. Ends a pending flow as `abort()` does,
   * and clears `account` (locally: it fires nothing and tells no server).
   */
  reset(): void {
    this.abort();
    this.#note = undefined;
    this.account = this.accountName = undefined;
    this.status = 'idle';
    this.requestUpdate();
  }

  /**
   * The shadow tree is static, built once here; `update()` only sets its text
   * and attributes and picks the icon. (Lit's templates would add lit-html,
   * 2.7 KB gzip, to every partner page: more than this whole element: see README, "Size".)
   */
  override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // Parsed once for all elements (a page may hold a hundred buttons); each clones it.
    tree ??= Object.assign(document.createElement('template'), {
      innerHTML:
        '<button part=button type=button><span part=icon aria-hidden=true></span><span part=label><slot></slot></span></button><button part=cancel type=button></button><span part=status role=status></span><span class=spin></span><slot name=icon></slot><img part=picture alt=""><button part=disconnect type=button></button>',
    });
    const nodes = document.importNode(tree.content, true);
    const [button, cancel, status, spinner, monogram, picture, disconnect] =
      nodes.children as HTMLCollectionOf<HTMLElement>;
    const [
      icon,
      {
        children: [label],
      },
    ] = button.children as unknown as [Element, { children: [HTMLSlotElement] }];
    root.append(button, status);
    button.addEventListener('click', () => {
      // The events report the outcome; the promise is for callers of connect().
      // When the popup closes, focus comes back to the button that opened it.
      const back = () => this.focus();
      this.connect().then(back, back);
    });
    cancel.addEventListener('click', () => {
      this.abort();
      // Before the Cancel button leaves the tree, or focus would fall to <body>.
      button.focus();
    });
    // Intent: ask the server for the next flow now, so that the click can open the popup at the provider.
    for (const type of ['pointerenter', 'focus', 'touchstart'])
      button.addEventListener(type, () => {
        if (this.server && !this.#prepared) this.#prepared = prepareStart(this as ServerFlowOptions);
      });
    disconnect.addEventListener('click', () => void this.disconnect().then(() => this.focus()));
    // The accessible name is built from the label's text (see update()).
    label.addEventListener('slotchange', () => this.requestUpdate());
    this.#parts = { button, icon, label, cancel, status, spinner, monogram, picture, disconnect };
    return root;
  }

  override willUpdate(changed: PropertyValues): void {
    // Connected whenever an account is set, in any mode; idle again once it is cleared.
    if (changed.has('account') || changed.has('accountName'))
      this.status = this.#current() ? 'connected' : this.status == 'connected' ? 'idle' : this.status;
  }

  override update(changed: PropertyValues): void {
    super.update(changed);
    const { status, provider } = this;
    const { button, icon, label, cancel, status: statusText, spinner, monogram, picture, disconnect } = this.#parts;
    const account = status == 'connected' ? this.#current() : undefined;
    const preset = provider ? providers[provider] : undefined;
    // Discovery ahead of the click (once per page per issuer), so that the popup need not wait for it.
    const issuer = this.issuer || preset?.issuer;
    if (issuer && !(this.authorizeUrl || preset?.authorizeUrl)) void discover(issuer);
    const { strings: text, fill } = this.#locale;
    const pending = status == 'pending';
    button.toggleAttribute('disabled', this.disabled);
    button.ariaBusy = pending ? 'true' : null;
    button.style.setProperty('--_brand', preset?.accent ?? null);
    const logo = this.querySelector(':scope>[slot=icon]');
    icon.replaceChildren(...(pending ? [spinner] : preset || logo ? [monogram] : []));
    // Drawn by CSS, not text: the accessible name must begin with the button's visible text (WCAG 2.5.3).
    monogram.dataset.m = logo ? '' : (preset?.name[0] ?? '');
    setText(label, this.label || (preset ? fill(text.signInWith, preset.name) : text.signIn));
    // An explicit name: the label's and the hint's spans would be read with a space
    // between them ("Ulule , opens"), as separate boxes of an inline-flex button.
    const name = label
      .assignedNodes({ flatten: true })
      .map((node) => node.textContent)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    button.ariaLabel = (name || label.textContent) + (this.mode == 'redirect' ? '' : ', ' + text.newWindow);
    setText(cancel, text.cancel);
    if (pending) button.after(cancel);
    else cancel.remove();
    setText(disconnect, text.disconnect);
    (picture as HTMLImageElement).src = account?.picture ?? '';
    picture.hidden = !account?.picture;
    // The connected look takes the sign-in button's place: [picture] Connected as Ada [Disconnect].
    const shown = account ? [picture, statusText, disconnect] : [button, statusText];
    if (shown.some((node, i) => this.renderRoot.children[i] != node) && !pending)
      this.renderRoot.replaceChildren(...shown);
    const note = this.#note ?? (status == 'idle' || status == 'pending' || status == 'connected' ? undefined : status);
    setText(
      statusText,
      pending
        ? fill(text.waiting, preset?.name ?? host(this.authorizeUrl))
        : account
          ? fill(text.connectedAs ?? '', account.name)
          : note
            ? (text[note] ?? '')
            : '',
    );
    // CSS custom states, for `oauth-connect:state(pending)`.
    const { states } = this.#internals;
    states.clear();
    states.add(status);
    // A setup mistake is logged as soon as the element can tell, not only on a click.
    // (In server-bound mode the server holds the options.)
    try {
      if (!this.server) resolveOptions(this);
    } catch (error) {
      this.#log(error as ConnectError);
    }
  }

  /** Logs a setup mistake to the console, once per element for each distinct one. */
  #log({ error, errorDescription = '' }: ConnectError): void {
    if (error == 'invalid_config' && !this.#logged.has(errorDescription)) {
      this.#logged.add(errorDescription);
      console.error(errorDescription);
    }
  }

  #reportRedirectResult(): void {
    // Once per page, not once per element: a page may hold a hundred buttons.
    if (!expiredFlowsDropped) {
      expiredFlowsDropped = true;
      dropExpiredFlows();
    }
    try {
      const result = takeRedirectResult(({ target, id }) => {
        // The result is for the elements with the options that started the flow; among identical
        // ones, for the one with the same id, else the first in document order. Never for two.
        const same = [...live].filter((el) => targetOf(el) == target);
        const owner = same.find((el) => id && el.id == id) ?? same.sort(inDocumentOrder)[0];
        return owner == this;
      });
      if (result) this.#end(undefined, 'success', 'connect-success', result);
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  #fail(error: Error, flow?: PendingFlow<ConnectResult | SessionResult>): void {
    if (error instanceof ConnectCancelled) this.#end(flow, 'idle', 'connect-cancel', { reason: error.reason });
    else {
      const { error: code, errorDescription, errorUri } = error as ConnectError;
      this.#log(error as ConnectError);
      // The user chose Deny: nothing failed. A setup mistake: trying again cannot help.
      const denied = code == 'access_denied';
      const note = denied
        ? 'cancelled'
        : code == 'invalid_config' || code == 'callback_failed'
          ? 'unavailable'
          : undefined;
      this.#end(
        flow,
        denied ? 'idle' : 'error',
        'connect-error',
        { error: code, ...(errorDescription && { errorDescription }), ...(errorUri && { errorUri }) },
        note,
      );
    }
  }

  /** A flow ended: unless a newer one has started since, the button shows how; the event fires either way. */
  #end<K extends keyof OAuthConnectEventMap>(
    flow: PendingFlow<ConnectResult | SessionResult> | undefined,
    status: ConnectStatus,
    type: K,
    detail: OAuthConnectEventMap[K]['detail'],
    note?: keyof ConnectStrings,
  ): void {
    if (this.#flow == flow) {
      this.#flow = undefined;
      this.#note = note;
      this.status = status;
      preparePkce();
    }
    this.#emit(type, detail);
  }

  /** Returns false when a listener cancelled a cancelable event. */
  #emit<K extends keyof OAuthConnectEventMap>(
    type: K,
    detail: OAuthConnectEventMap[K]['detail'],
    cancelable?: boolean,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}

/** The connected elements: to choose which one a redirect result is for. */
const live = new Set<OAuthConnectElement>();

/** What tells an element's redirect flows apart (`redirectTarget`); undefined when its options are invalid. */
const targetOf = (el: OAuthConnectElement): string | undefined => {
  try {
    return redirectTarget(el, resolveOptions(el));
  } catch {
    return undefined;
  }
};

/** A sort comparator; 2 is `Node.DOCUMENT_POSITION_PRECEDING` (the name costs bytes in every page). */
const inDocumentOrder = (a: Node, b: Node) => (a.compareDocumentPosition(b) & 2 ? 1 : -1);

/** Whether an element on this page has deleted the expired redirect flows yet. */
let expiredFlowsDropped = false;

/** The shadow tree of every `<oauth-connect>`, parsed when the first one renders. */
let tree: HTMLTemplateElement | undefined;

/** The shadow tree's nodes that `update()` changes. */
interface Parts {
  button: HTMLElement;
  icon: Element;
  /** The default slot, whose fallback content is the label. */
  label: HTMLSlotElement;
  cancel: HTMLElement;
  status: Element;
  spinner: Element;
  /** The icon slot; without a slotted logo, its ::before is the monogram. */
  monogram: HTMLElement;
  picture: HTMLElement;
  disconnect: HTMLElement;
}

/** Sets a node's text only when it changes, so that the live region announces changes only. */
const setText = (node: Node, text: string) => {
  if (node.textContent != text) node.textContent = text;
};

/** The authorize URL's host, to name a provider that has no preset. */
const host = (url?: string): string => parseUrl(url)?.hostname ?? '';

declare global {
  interface HTMLElementTagNameMap {
    'oauth-connect': OAuthConnectElement;
  }
}
