import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { ConnectResult } from '../flow/callback-result.js';
import { redirectTarget, startFlow, type PendingFlow } from '../flow/connect.js';
import { ConnectCancelled, type ConnectError } from '../flow/errors.js';
import { resolveOptions, type ConnectOptions, type ResponseType } from '../flow/options.js';
import { providers } from '../flow/providers.js';
import { takeRedirectResult } from '../flow/redirect.js';
import { preparePkce } from '../flow/secrets.js';
import type { OAuthConnectEventMap } from './events.js';
import { stringsFor } from './locales.js';
import { styles } from './styles.js';

/** Where the button is in its life; mirrored to the `status` attribute and to CSS custom states (`:state(pending)`). */
export type ConnectStatus = 'idle' | 'pending' | 'success' | 'error';

/**
 * A "Sign in with …" button that runs an OAuth 2 authorization flow in a popup.
 *
 * @fires connect-start - The popup opened. `detail: { state, url }`.
 * @fires connect-success - The provider sent a code or a token. `detail`: a `ConnectResult`.
 * @fires connect-error - The provider or the flow failed. `detail: { error, errorDescription?, errorUri? }`.
 * @fires connect-cancel - The flow ended without a result. `detail: { reason: 'closed' | 'timeout' | 'aborted' }`.
 * @slot - The button text; overrides `label` and the localized default.
 * @slot icon - The provider's logo; the default is a neutral monogram.
 * @csspart button - The sign-in `<button>`.
 * @csspart icon - The icon box (monogram, slotted logo or spinner).
 * @csspart label - The button text.
 * @csspart cancel - The cancel button, shown while the popup is open.
 * @csspart status - The status text (a polite live region).
 * @cssprop --oauth-connect-accent - Button background and border (default: the preset's brand color, else #1f2937, #4b5563 in dark theme).
 * @cssprop --oauth-connect-on-accent - Text on the accent (default #fff).
 * @cssprop --oauth-connect-text - Status text, outline and cancel button text.
 * @cssprop --oauth-connect-surface - Background of the outline variant and the cancel button.
 * @cssprop --oauth-connect-error - Status text after an error.
 * @cssprop --oauth-connect-radius - Corner radius (default 6px).
 * @cssprop --oauth-connect-font - Font shorthand.
 */
export class OAuthConnectElement extends LitElement implements ConnectOptions {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    provider: {},
    authorizeUrl: { attribute: 'authorize-url' },
    clientId: { attribute: 'client-id' },
    redirectUri: { attribute: 'redirect-uri' },
    scope: {},
    responseType: { attribute: 'response-type' },
    noPkce: { attribute: 'no-pkce', type: Boolean },
    timeout: { type: Number },
    popupWidth: { attribute: 'popup-width', type: Number },
    popupHeight: { attribute: 'popup-height', type: Number },
    mode: {},
    fallback: {},
    disabled: { type: Boolean, reflect: true },
    label: {},
    noStatus: { attribute: 'no-status', type: Boolean, reflect: true },
    params: { attribute: false },
    status: { reflect: true },
  };

  static override styles = styles;

  /** A preset: `ulule`, `ultracart`, or one added with `registerProvider`. Explicit attributes win over it. */
  declare provider: string | undefined;
  /** The provider's authorization endpoint. */
  declare authorizeUrl: string | undefined;
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

  private flow: PendingFlow | undefined;
  private internals = this.attachInternals();

  constructor() {
    super();
    this.noPkce = this.disabled = this.noStatus = false;
    this.responseType = 'code';
    this.timeout = 300;
    this.popupWidth = 500;
    this.popupHeight = 650;
    this.status = 'idle';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void preparePkce();
    // Back from a redirect flow? Report it once the page's own scripts have added their listeners.
    const report = () => setTimeout(() => this.reportRedirectResult());
    if (document.readyState == 'loading') addEventListener('DOMContentLoaded', report, { once: true });
    else report();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort();
  }

  /**
   * Opens the popup and resolves with the result. While a flow is pending it
   * brings the popup to the front and returns the same promise. Rejects with
   * `ConnectError` or `ConnectCancelled`; the matching event fires either way.
   */
  connect(): Promise<ConnectResult> {
    if (this.flow && !this.flow.settled) {
      this.flow.focus();
      return this.flow.result;
    }
    // The element is its own options bag: its properties have the option names.
    const flow = (this.flow = startFlow(this, (detail) => this.emit('connect-start', detail)));
    this.status = 'pending';
    flow.result.then(
      (result) => this.succeed(result, flow),
      (error: Error) => this.fail(error, flow),
    );
    return flow.result;
  }

  /** Ends a pending flow with `connect-cancel` `aborted` and closes its popup. */
  abort(): void {
    this.flow?.abort();
  }

  override render() {
    const { status, provider, mode } = this;
    const preset = provider ? providers[provider] : undefined;
    const text = stringsFor(this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en');
    const name = preset?.name ?? host(this.authorizeUrl);
    const pending = status == 'pending';
    const hasIcon = this.querySelector(':scope>[slot=icon]');
    return html`<button
        part="button"
        type="button"
        style=${preset?.accent ? `--_brand:${preset.accent}` : nothing}
        ?disabled=${this.disabled}
        aria-busy=${pending || nothing}
        @click=${this.handleClick}
      >
        <span part="icon" aria-hidden="true"
          >${
            pending
              ? html`<span class="spin"></span>`
              : preset || hasIcon
                ? html`<slot name="icon">${preset?.name[0]}</slot>`
                : nothing
          }</span
        ><span part="label"
          ><slot>${this.label || (preset ? text.signInWith.replace('%', preset.name) : text.signIn)}</slot></span
        >${mode == 'redirect' ? nothing : html`<span class="sr">, ${text.newWindow}</span>`}</button
      >${pending ? html`<button part="cancel" type="button" @click=${this.abort}>${text.cancel}</button>` : nothing}<span
        part="status"
        role="status"
        >${pending ? text.waiting.replace('%', name) : status == 'idle' ? '' : text[status]}</span
      >`;
  }

  override updated(): void {
    // CSS custom states, for `oauth-connect:state(pending)`.
    const { states } = this.internals;
    states.clear();
    states.add(this.status);
  }

  private handleClick(): void {
    // The events report the outcome; the promise is for callers of connect().
    // When the popup closes, focus comes back to the button that opened it.
    this.connect()
      .catch(() => {})
      .then(() => this.focus());
  }

  private reportRedirectResult(): void {
    try {
      const result = takeRedirectResult(redirectTarget(resolveOptions(this)));
      if (result) this.succeed(result);
    } catch (error) {
      // Invalid options: this element has no redirect flow to report.
      if ((error as ConnectError).error != 'invalid_config') this.fail(error as Error);
    }
  }

  private succeed(result: ConnectResult, flow?: PendingFlow): void {
    this.end(flow, 'success');
    this.emit('connect-success', result);
  }

  private fail(error: Error, flow?: PendingFlow): void {
    if (error instanceof ConnectCancelled) {
      this.end(flow, 'idle');
      this.emit('connect-cancel', { reason: error.reason });
    } else {
      const { error: code, errorDescription, errorUri } = error as ConnectError;
      this.end(flow, 'error');
      this.emit('connect-error', {
        error: code,
        ...(errorDescription && { errorDescription }),
        ...(errorUri && { errorUri }),
      });
    }
  }

  /** A flow ended; unless a newer one has started since, the button shows how. */
  private end(flow: PendingFlow | undefined, status: ConnectStatus): void {
    if (this.flow != flow) return;
    this.flow = undefined;
    this.status = status;
    void preparePkce();
  }

  private emit<K extends keyof OAuthConnectEventMap>(type: K, detail: OAuthConnectEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** The authorize URL's host, to name a provider that has no preset. */
const host = (url?: string): string => {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
};

declare global {
  interface HTMLElementTagNameMap {
    'oauth-connect': OAuthConnectElement;
  }
}
