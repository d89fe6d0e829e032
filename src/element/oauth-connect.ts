import {
  ReactiveElement,
  type PropertyDeclaration,
  type PropertyDeclarations,
  type PropertyValues,
} from '@lit/reactive-element';
import { ConnectError, missingMode } from '../flow/errors.js';
import { resolveOptions, type ConnectOptions } from '../flow/options.js';
import { providers } from '../flow/providers.js';
import { preparePkce } from '../flow/secrets.js';
import type { ConnectAccount } from '../flow/server-bound.js';
import type { PendingFlow } from '../flow/session.js';
import { openCenteredPopup } from '../flow/popup.js';
import type { ResponseType } from '../protocol/callback.js';
import type { ConnectSuccessDetail, OAuthConnectEventMap } from './events.js';
import { live, renderAll } from './live.js';
import { LocaleController } from './locale-controller.js';
import type { ConnectStrings } from './locales.js';
import { loadMode, modes, onModeAdded, startLater, type Mode, type ModeName } from './modes/mode.js';
import { buildShadow, paint, type Parts } from './shadow.js';
import { failure, type ConnectStatus, type Outcome } from './status.js';
import { styles } from './styles.js';

export type { ConnectStatus } from './status.js';

/** Reactive properties named in camelCase, each with its kebab-case attribute (`clientId`: `client-id`). */
const attributes = (names: string, declaration?: PropertyDeclaration): PropertyDeclarations =>
  Object.fromEntries(
    names.split(' ').map((name) => [name, { attribute: name.replace(/[A-Z]/g, '-$&').toLowerCase(), ...declaration }]),
  );

/** The properties that change only the look, not the options a flow runs with. */
const looks = /^(status|account|accountName|label|disabled|noStatus)$/;

/**
 * A "Sign in with …" button that runs an OAuth 2 authorization flow in a popup.
 *
 * @fires connect-start - The popup opened. `detail: { state, url }`.
 * @fires connect-success - The provider sent a code or a token. `detail`: a `ConnectResult`.
 * @fires connect-error - The provider or the flow failed. `detail: { error, errorDescription?, errorUri? }`.
 * @fires connect-cancel - The flow ended without a result. `detail: { reason: 'closed' | 'timeout' | 'aborted' }`.
 * @fires connect-environment - `mode="auto"`, once when the element first renders, before any click: where the visitor is and what a click will do. `detail: { kind: 'browser' | 'in-app' | 'standalone', app?, action: 'popup' | 'redirect' | 'escape' }`.
 * @fires connect-restore - Server-bound mode: an account the server still holds for this browser (`GET {server}/session`) is shown. `detail: { account, provider? }`.
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
 * @attr mode - `popup` (default), `redirect`, or `auto` (`oauth-connect/modes/auto`): the popup in an ordinary browser, a redirect in an app's in-app browser or an iOS home-screen app.
 * @attr webviews - `mode="auto"`: `escape` offers in-app visitors only the way out to their browser (for a provider that refuses web views; a preset may say so with `webviews: 'refused'`).
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
 * @csspart status - The status text (a polite live region); "Connected to … as …" while connected.
 * @csspart picture - The connected account's picture, when it has one.
 * @csspart disconnect - The Disconnect button, shown while connected.
 * @csspart hint - `mode="auto"` in an in-app browser: the line that says signing in may not work there.
 * @csspart escape - The hint's "Open in your browser" link (the app's way out to the system browser).
 * @cssprop --oauth-connect-accent - Button background and border (default: the preset's brand color, else #1f2937, #6b7280 in dark theme).
 * @cssprop --oauth-connect-on-accent - Text on the accent (default #fff).
 * @cssprop --oauth-connect-text - Status text, outline and cancel button text.
 * @cssprop --oauth-connect-surface - Background of the outline variant and the cancel button.
 * @cssprop --oauth-connect-error - Status text after an error.
 * @cssprop --oauth-connect-radius - Corner radius (default 6px).
 * @cssprop --oauth-connect-font - Font shorthand.
 */
export class OAuthConnectElement extends ReactiveElement implements ConnectOptions {
  static override shadowRootOptions: ShadowRootInit = { mode: 'open', delegatesFocus: true };

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
  /**
   * `popup` (default), `redirect`: navigate this page to the provider instead of opening a popup, or
   * `auto` (`oauth-connect/modes/auto`): the popup, or a redirect in in-app browsers and iOS home-screen apps.
   */
  declare mode: 'popup' | 'redirect' | 'auto' | undefined;
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
  /** Who is connected: shows "Connected to {provider} as {name}" and a Disconnect button. Set by a server-bound sign-in, or by you. */
  declare account: ConnectAccount | undefined;
  /** The connected account's name, for pages without script (the `account` property wins). */
  declare accountName: string | undefined;

  #flow: PendingFlow<ConnectSuccessDetail> | undefined;
  /** The status text when it is not the status's own (`cancelled` after Deny, `unavailable` for a setup mistake). */
  #note: keyof ConnectStrings | undefined;
  /**
   * What this element did once only: each setup mistake it logged to the console (by its message,
   * `oauth-connect: …`) and each mode that restored what it keeps for it (by its name).
   */
  #once = new Set<string>();
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
    preparePkce();
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
  connect(): Promise<ConnectSuccessDetail> {
    let flow = this.#flow;
    if (flow && !flow.settled) {
      flow.focus();
      return flow.result;
    }
    const onStart = (detail: { state: string; url: string }) => this.emit('connect-start', detail);
    const needs = this.#needs();
    const name = needs[0];
    const [first, ...more] = needs.filter((need) => !modes[need]);
    const start = (popup?: Window | null) => (modes[name] as Required<Mode>).start(this, onStart, popup);
    const arrival = first && loadMode(first) && Promise.all([first, ...more].map(loadMode));
    flow = this.#flow = !first
      ? start()
      : // A click that beats its mode's module: the popup opens now, inside the click's user
        // activation, and is sent on when the module has arrived (a redirect just waits for it).
        startLater(
          arrival || Promise.reject(missingMode(first)),
          arrival && (this.mode ?? 'popup') == 'popup' ? openCenteredPopup('about:blank', this) : null,
          start,
        );
    this.#note = undefined;
    this.status = 'pending';
    flow.result.then(
      (result) => {
        if (result.responseType == 'session') this.account = result.account;
        this.#end(flow, [result.responseType == 'session' ? 'connected' : 'success', 'connect-success', result]);
      },
      (error: Error) => this.#end(flow, failure(error)),
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
    const account = this.current;
    const { provider } = this;
    if (!account || !this.emit('connect-disconnect', { account, ...(provider && { provider }) }, true)) return;
    try {
      await modes[this.#needs()[0]]?.end?.(this);
      this.reset();
    } catch (error) {
      this.#end(undefined, failure(error as Error));
      this.status = 'connected';
    }
  }

  /**
   * The account shown: the property, else the `account-name` attribute's.
   * @internal
   */
  get current(): ConnectAccount | undefined {
    return this.account ?? (this.accountName ? { name: this.accountName } : undefined);
  }

  /**
   * The language the element speaks (its nearest `lang`, else the document's), which the flows send
   * to the provider as `ui_locales`.
   * @internal
   */
  get uiLocales(): string {
    return this.#locale.lang;
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

  /** The shadow tree is static, built once here (shadow.ts); `update()` paints it. */
  override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // Intent: the mode may ask its server or fetch metadata now, so that the click need not wait.
    this.#parts = buildShadow(root, this, () => this.#needs().forEach((name) => modes[name]?.prepare?.(this)));
    return root;
  }

  override willUpdate(changed: PropertyValues): void {
    // Connected whenever an account is set, in any mode; idle again once it is cleared.
    if (changed.has('account') || changed.has('accountName'))
      this.status = this.current ? 'connected' : this.status == 'connected' ? 'idle' : this.status;
  }

  override update(changed: PropertyValues): void {
    super.update(changed);
    const { status } = this;
    const needs = this.#needs();
    const { strings: text, fill } = this.#locale;
    paint(
      this.#parts,
      this,
      text,
      fill,
      this.#note,
      this.mode != 'redirect' && !modes[this.mode as ModeName]?.redirects?.(this),
    );
    const root = this.renderRoot as ShadowRoot;
    const [button, , statusText] = this.#parts;
    // The sign-in look: the connected look leaves it in place while a flow is pending.
    if (status != 'connected' && status != 'pending' && root.firstChild != button)
      root.replaceChildren(button, statusText);
    // Then what the mode paints: the connected look, or its own (mode="auto": the in-app hint).
    modes[status == 'connected' ? 'connected' : (this.mode as ModeName)]?.paint?.(this, root, statusText, text, fill);
    // CSS custom states, for `oauth-connect:state(pending)`.
    const { states } = this.#internals;
    states.clear();
    states.add(status);
    // A setup mistake is logged as soon as the element can tell, not only on a click: checked when
    // an option changed, not on the renders a flow's status or the language cause.
    // (In server-bound mode the server holds the options.)
    try {
      if (!this.server && [...changed.keys()].some((key) => !looks.test(key as string))) resolveOptions(this);
    } catch (error) {
      this.#log(error as ConnectError);
    }
    for (const need of needs) {
      const mode = modes[need];
      // Not imported: the script-tag bundle loads it (then every element renders again); npm says which import.
      const loading = mode ? undefined : loadMode(need);
      if (loading) loading.catch(() => {});
      else if (!mode) this.#log(missingMode(need));
      else if (!this.#once.has(need)) {
        this.#once.add(need);
        mode.restore?.(this);
      }
    }
  }

  /**
   * Shows an outcome that no click started (a returned redirect, a restored account) and fires its event.
   * @internal
   */
  report(outcome: Outcome): void {
    this.#end(undefined, outcome);
  }

  /**
   * The modes this element needs, the one that starts its flows first: `server-bound`, `redirect`
   * or `popup`; then `redirect` for the fallback, `issuer` for discovery, `connected` for an account.
   */
  #needs(): [ModeName, ...ModeName[]] {
    const { server, mode, issuer, authorizeUrl, provider, current } = this;
    const preset = providers[provider ?? ''];
    return [
      server ? 'server-bound' : mode || 'popup',
      // Server-bound: its mode too (the redirect leg, mode="auto"'s choice).
      server && mode,
      !server && this.fallback == 'redirect' && 'redirect',
      !server && (issuer || preset?.issuer) && !(authorizeUrl || preset?.authorizeUrl) && 'issuer',
      current && 'connected',
    ].filter((name) => name) as [ModeName, ...ModeName[]];
  }

  /** Logs a setup mistake to the console, once per element for each distinct one. */
  #log({ error, errorDescription = '' }: ConnectError): void {
    if (error == 'invalid_config' && !this.#once.has(errorDescription)) {
      this.#once.add(errorDescription);
      console.error(errorDescription);
    }
  }

  /**
   * A flow ended (or a mode restored one): unless a newer one has started since, the button shows
   * how; the event fires either way.
   */
  #end(flow: PendingFlow<ConnectSuccessDetail> | undefined, [status, type, detail, note]: Outcome): void {
    if (type == 'connect-error') this.#log(detail as ConnectError);
    if (this.#flow == flow) {
      this.#flow = undefined;
      this.#note = note;
      this.status = status;
      // The note alone may change (idle to idle with a note): render anyway.
      this.requestUpdate();
      preparePkce();
    }
    this.emit(type, detail);
  }

  /**
   * Fires one of the element's events (they all bubble out of its shadow root, modes' too); false
   * when a listener cancelled a cancelable one.
   * @internal
   */
  emit<K extends keyof OAuthConnectEventMap>(
    type: K,
    detail: OAuthConnectEventMap[K]['detail'],
    cancelable?: boolean,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}

onModeAdded(renderAll);

declare global {
  interface HTMLElementTagNameMap {
    'oauth-connect': OAuthConnectElement;
  }
}
