/**
 * The shadow tree of `<oauth-connect>`: static, built once per element from one parsed template,
 * then painted (text, attributes, icon). Lit's templates would add lit-html, 2.7 KB gzip, to every
 * partner page: more than this whole element (README, "Size").
 */
import { parseUrl } from '../flow/urls.js';
import { providers } from '../flow/providers.js';
import type { ConnectStrings } from './locales.js';
import type { ConnectStatus } from './status.js';

/**
 * The shadow tree's nodes that painting changes: the template's top-level nodes in order, then two
 * inside the button. (A tuple rather than an object: no property names in the bundle.)
 */
export type Parts = [
  button: HTMLElement,
  cancel: HTMLElement,
  status: Element,
  spinner: Element,
  /** The icon slot; without a slotted logo, its ::before is the monogram. */
  monogram: HTMLElement,
  icon: Element,
  /** The default slot, whose fallback content is the label. */
  label: HTMLSlotElement,
];

/** Puts names into one of the strings, as the element's language does (locale-controller.ts). */
export type Fill = (template: string, ...names: string[]) => string;

/** What the tree needs of its element (the element passes itself). */
export interface Painted {
  status: ConnectStatus;
  provider?: string | undefined;
  label?: string | undefined;
  disabled: boolean;
  server?: string | undefined;
  authorizeUrl?: string | undefined;
  querySelector: Element['querySelector'];
  connect(): Promise<unknown>;
  abort(): void;
  focus(): void;
  requestUpdate(): void;
}

/** Parsed once for all elements (a page may hold a hundred buttons); each clones it. */
let tree: HTMLTemplateElement | undefined;

/** Builds the tree in `root`; `intent` runs on pointer, focus or touch: a click may follow. */
export const buildShadow = (root: HTMLElement | DocumentFragment, el: Painted, intent: () => void): Parts => {
  tree ??= Object.assign(document.createElement('template'), {
    innerHTML:
      '<button part=button type=button><span part=icon aria-hidden=true></span><span part=label><slot></slot></span></button><button part=cancel type=button></button><span part=status role=status></span><span class=spin></span><slot name=icon></slot>',
  });
  const nodes = [...document.importNode(tree.content, true).children] as unknown as Parts;
  const [button, cancel, status] = nodes;
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
    const back = () => el.focus();
    el.connect().then(back, back);
  });
  cancel.addEventListener('click', () => {
    el.abort();
    // Before the Cancel button leaves the tree, or focus would fall to <body>.
    button.focus();
  });
  for (const type of ['pointerenter', 'focus', 'touchstart']) button.addEventListener(type, intent);
  // The accessible name is built from the label's text.
  label.addEventListener('slotchange', () => el.requestUpdate());
  nodes.push(icon, label);
  return nodes;
};

/**
 * Paints the tree: text, attributes, icon. `note`: the status text's key when it is not the
 * status's own; `popup`: the new-window hint is read after the label (not in redirect mode).
 */
export const paint = (
  [button, cancel, statusText, spinner, monogram, icon, label]: Parts,
  el: Painted,
  text: ConnectStrings,
  fill: Fill,
  note: keyof ConnectStrings | undefined,
  popup: boolean,
): void => {
  const { status, provider: id, label: given, disabled, server, authorizeUrl } = el;
  const preset = providers[id ?? ''];
  const pending = status == 'pending';
  button.toggleAttribute('disabled', disabled);
  button.ariaBusy = pending ? 'true' : null;
  button.style.setProperty('--_brand', preset?.accent ?? null);
  const logo = el.querySelector(':scope>[slot=icon]');
  icon.replaceChildren(...(pending ? [spinner] : preset || logo ? [monogram] : []));
  // Drawn by CSS, not text: the accessible name must begin with the button's visible text (WCAG 2.5.3).
  monogram.dataset.m = logo ? '' : (preset?.name[0] ?? '');
  // "Connect to %" for a preset whose action is `connect` (a language without those words signs in).
  const words = (preset?.action == 'connect' && text.connectWith) || text.signInWith;
  setText(label, given || (preset ? fill(words, preset.name) : text.signIn));
  // An explicit name: the label's and the hint's spans would be read with a space
  // between them ("Ulule , opens"), as separate boxes of an inline-flex button.
  const name = label
    .assignedNodes({ flatten: true })
    .map((node) => node.textContent)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  button.ariaLabel = (name || label.textContent) + (popup ? ', ' + text.newWindow : '');
  setText(cancel, text.cancel);
  if (pending) button.after(cancel);
  else cancel.remove();
  // A provider without a preset or a host to name (a server-bound one): no "Waiting for …".
  // Parsed only while pending: the other renders need no URL.
  const named = pending && (preset?.name ?? (server ? undefined : parseUrl(authorizeUrl)?.hostname));
  // The note, else the status's own words (`success`, `error`); none while idle.
  const key = note ?? (status == 'success' || status == 'error' ? status : undefined);
  setText(
    statusText,
    pending ? (named ? fill(text.waiting, named) : text.waitingSignIn) : key ? (text[key] ?? '') : '',
  );
};

/** Sets a node's text only when it changes, so that the live region announces changes only. */
export const setText = (node: Node, text: string): void => {
  if (node.textContent != text) node.textContent = text;
};
