/**
 * The floor for `npm run bench`: Lit with one trivial element, built with the
 * same tool and settings as dist/oauth-connect.js (`vite build --mode baseline`).
 */
import { html, LitElement } from 'lit';

export class LitBaseline extends LitElement {
  override render() {
    return html`<button type="button">Sign in</button>`;
  }
}

customElements.define('lit-baseline', LitBaseline);
