/**
 * A constructed stylesheet from the template's text, which Lit adopts as it is.
 * Lit's own `css` tag would bring its checks for interpolated values and their
 * error messages (~130 B gzip) to every page; this one takes no values. Named
 * `css` so that the build still squeezes its text (scripts/minify-templates.ts).
 */
const css = ([text]: TemplateStringsArray): CSSStyleSheet => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text as string);
  return sheet;
};

/*
 * Theming: the --oauth-connect-* custom properties (README, "Theming"), the
 * parts, and the size / variant / theme / full-width attributes. Every
 * default keeps text at a 4.5:1 contrast or more in light and dark themes.
 *
 * Light and dark come from `color-scheme` + `light-dark()`. The host does not
 * set `color-scheme`: it inherits the page's, so a light page (or one that says
 * nothing) gets the light palette even when the OS is dark, and a page with
 * `color-scheme: light dark` follows the OS. `theme="light|dark"` pins one. Private
 * properties are short (`--_t` text, `--_s` surface, `--_o` on-accent,
 * `--_a` accent, `--_h` height) because every byte here ships to every
 * visitor of every partner page (README, "Size").
 */
// Undefined where there is no CSSOM (Node importing the package for its types and helpers).
export const styles =
  globalThis.CSSStyleSheet &&
  css`
    :host {
      --_t: var(--oauth-connect-text, light-dark(#1f2937, #f3f4f6));
      --_s: var(--oauth-connect-surface, light-dark(#fff, #111827));
      --_o: var(--oauth-connect-on-accent, #fff);
      --_h: 44px;
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
      font: var(--oauth-connect-font, 500 1rem/1.2 system-ui, sans-serif);
      color: var(--_t);
    }
    :host([hidden]) {
      display: none;
    }
    :host([full-width]) {
      display: flex;
    }
    :host([full-width]) [part='button'] {
      /* A line of its own, so that Cancel and the status text go below instead of squeezing it. */
      flex: 1 0 100%;
    }
    :host([size='small']) {
      --_h: 32px;
      font-size: 0.875rem;
    }
    :host([size='large']) {
      --_h: 52px;
      font-size: 1.125rem;
    }
    :host([theme='light']) {
      color-scheme: light;
    }
    :host([theme='dark']) {
      color-scheme: dark;
    }
    button {
      /* Here, not on :host: the preset's --_brand is set on the button. */
      --_a: var(--oauth-connect-accent, var(--_brand, light-dark(#1f2937, #6b7280)));
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.6em;
      min-height: var(--_h);
      min-width: var(--_h);
      padding: 0 1.1em;
      border: 2px solid var(--_a);
      border-radius: var(--oauth-connect-radius, 6px);
      background: var(--_a);
      color: var(--_o);
      font: inherit;
      cursor: pointer;
    }
    :host([variant='outline']) [part='button'],
    [part='cancel'],
    [part='disconnect'] {
      background: var(--_s);
      color: var(--_t);
    }
    [part='cancel'],
    [part='disconnect'] {
      border-color: currentColor;
    }
    button:hover {
      filter: brightness(1.15);
    }
    button:focus-visible {
      outline: 3px solid var(--_a);
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
      background: var(--_o);
      color: var(--_a);
      font-weight: 700;
      font-size: 0.8em;
    }
    slot::before {
      content: attr(data-m);
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
      color: var(--oauth-connect-error, light-dark(#b91c1c, #fca5a5));
    }
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
