import { css, html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { ConnectResult } from '../flow/callback-result.js';
import { startFlow, type PendingFlow } from '../flow/connect.js';
import { ConnectCancelled, ConnectError } from '../flow/errors.js';
import type { ResponseType } from '../flow/options.js';
import { preparePkce } from '../flow/secrets.js';
import type { OAuthConnectEventMap } from './events.js';

/** Where the button is in its life; mirrored to the `status` attribute for styling. */
export type ConnectStatus = 'idle' | 'pending' | 'success' | 'error';

/**
 * A "Sign in with …" button that runs an OAuth 2 authorization flow in a popup.
 *
 * @fires connect-start - The popup opened. `detail: { state, url }`.
 * @fires connect-success - The provider sent a code or a token. `detail`: see `ConnectResult`.
 * @fires connect-error - The provider or the flow failed. `detail: { error, errorDescription?, errorUri? }`.
 * @fires connect-cancel - The flow ended without a result. `detail: { reason: 'closed' | 'timeout' | 'aborted' }`.
 * @slot - The button's text; overrides `label`.
 * @csspart button - The `<button>`.
 */
export class OAuthConnectElement extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    authorizeUrl: { attribute: 'authorize-url' },
    clientId: { attribute: 'client-id' },
    redirectUri: { attribute: 'redirect-uri' },
    scope: {},
    responseType: { attribute: 'response-type' },
    noPkce: { attribute: 'no-pkce', type: Boolean },
    timeout: { type: Number },
    popupWidth: { attribute: 'popup-width', type: Number },
    popupHeight: { attribute: 'popup-height', type: Number },
    disabled: { type: Boolean, reflect: true },
    label: {},
    params: { attribute: false },
    status: { reflect: true },
  };

  static override styles = css`
    :host {
      display: inline-block;
    }
    :host([hidden]) {
      display: none;
    }
    button {
      font: inherit;
      min-height: 44px;
      min-width: 44px;
      padding: 0 1.25em;
      border-radius: 6px;
      border: 1px solid #1f2937;
      background: #1f2937;
      color: #fff;
      cursor: pointer;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
  `;

  /** The provider's authorization endpoint. */
  declare authorizeUrl: string;
  declare clientId: string;
  /** Your callback page, on this page's origin; absolute or relative. */
  declare redirectUri: string;
  /** Space-separated scopes. */
  declare scope: string;
  /** `code` (default) or `token`. */
  declare responseType: ResponseType;
  /** Skips PKCE in `code` flows; only for providers that reject it. */
  declare noPkce: boolean;
  /** Seconds before a pending flow is cancelled (`0` = never). */
  declare timeout: number;
  declare popupWidth: number;
  declare popupHeight: number;
  declare disabled: boolean;
  /** The button text, when the default slot is empty. */
  declare label: string;
  /** Extra authorization request parameters. */
  declare params: Record<string, string>;
  /** Read-only: where the flow is. */
  declare status: ConnectStatus;

  private flow: PendingFlow | undefined;

  constructor() {
    super();
    this.responseType = 'code';
    this.noPkce = false;
    this.timeout = 300;
    this.popupWidth = 500;
    this.popupHeight = 650;
    this.disabled = false;
    this.params = {};
    this.status = 'idle';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void preparePkce();
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
    if (this.flow) {
      this.flow.focus();
      return this.flow.result;
    }
    const flow = (this.flow = startFlow({
      authorizeUrl: this.authorizeUrl,
      clientId: this.clientId,
      redirectUri: this.redirectUri,
      responseType: this.responseType,
      scope: this.scope,
      params: this.params,
      pkce: !this.noPkce,
      timeout: this.timeout,
      popupWidth: this.popupWidth,
      popupHeight: this.popupHeight,
      onStart: (detail) => this.emit('connect-start', detail),
    }));
    this.status = 'pending';
    flow.result.then(
      (result) => {
        this.settled('success');
        this.emit('connect-success', result);
      },
      (error: Error) => {
        if (error instanceof ConnectCancelled) {
          this.settled('idle');
          this.emit('connect-cancel', { reason: error.reason });
        } else {
          const { error: code, errorDescription, errorUri } = error as ConnectError;
          this.settled('error');
          this.emit('connect-error', {
            error: code,
            ...(errorDescription && { errorDescription }),
            ...(errorUri && { errorUri }),
          });
        }
      },
    );
    return flow.result;
  }

  /** Ends a pending flow with `connect-cancel` `aborted` and closes its popup. */
  abort(): void {
    this.flow?.abort();
  }

  override render() {
    return html`<button
      part="button"
      type="button"
      ?disabled=${this.disabled}
      aria-busy=${this.status == 'pending' || nothing}
      @click=${this.handleClick}
    >
      <slot>${this.label || 'Sign in'}</slot>
    </button>`;
  }

  private handleClick(): void {
    // The events report the outcome; the promise is for callers of connect().
    this.connect().catch(() => {});
  }

  private settled(status: ConnectStatus): void {
    this.flow = undefined;
    this.status = status;
    void preparePkce();
  }

  private emit<K extends keyof OAuthConnectEventMap>(type: K, detail: OAuthConnectEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oauth-connect': OAuthConnectElement;
  }
}
