import { css } from 'lit';

/*
 * Theming: the --oauth-connect-* custom properties (README, "Theming"), the
 * parts, and the size / variant / theme / full-width attributes. Every
 * default keeps text at a 4.5:1 contrast or more in light and dark themes.
 */
export const styles = css`
  :host {
    --_def: #1f2937;
    --_on-accent: var(--oauth-connect-on-accent, #fff);
    --_text: var(--oauth-connect-text, #1f2937);
    --_surface: var(--oauth-connect-surface, #fff);
    --_error: var(--oauth-connect-error, #b91c1c);
    --_radius: var(--oauth-connect-radius, 6px);
    --_height: 44px;
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    font: var(--oauth-connect-font, 500 1rem/1.2 system-ui, sans-serif);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  :host([full-width]) {
    display: flex;
  }
  :host([full-width]) [part='button'] {
    flex: 1;
  }
  :host([size='small']) {
    --_height: 32px;
    font-size: 0.875rem;
  }
  :host([size='large']) {
    --_height: 52px;
    font-size: 1.125rem;
  }
  :host([theme='dark']) {
    --_def: #4b5563;
    --_text: var(--oauth-connect-text, #f3f4f6);
    --_surface: var(--oauth-connect-surface, #111827);
    --_error: var(--oauth-connect-error, #fca5a5);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_def: #4b5563;
      --_text: var(--oauth-connect-text, #f3f4f6);
      --_surface: var(--oauth-connect-surface, #111827);
      --_error: var(--oauth-connect-error, #fca5a5);
    }
  }
  button {
    /* Here, not on :host: the preset's --_brand is set on the button. */
    --_accent: var(--oauth-connect-accent, var(--_brand, var(--_def)));
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.6em;
    min-height: var(--_height);
    min-width: var(--_height);
    padding: 0 1.1em;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    cursor: pointer;
  }
  :host([variant='outline']) [part='button'],
  [part='cancel'] {
    background: var(--_surface);
    color: var(--_text);
  }
  [part='cancel'] {
    border-color: currentColor;
  }
  button:hover {
    filter: brightness(1.15);
  }
  button:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  [part='icon'] {
    display: inline-grid;
    place-items: center;
    width: 1.4em;
    height: 1.4em;
    border-radius: 50%;
    background: var(--_on-accent);
    color: var(--_accent);
    font-weight: 700;
    font-size: 0.8em;
  }
  [part='icon']:has(.spin) {
    background: none;
    color: inherit;
  }
  [part='icon']:empty {
    display: none;
  }
  .spin {
    width: 100%;
    height: 100%;
    box-sizing: border-box;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spin {
      animation: none;
      border-style: dotted;
    }
  }
  [part='status'] {
    font-size: 0.875em;
  }
  :host([status='error']) [part='status'] {
    color: var(--_error);
  }
  .sr,
  :host([no-status]) [part='status'] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    [part='icon'] {
      forced-color-adjust: none;
    }
  }
`;
