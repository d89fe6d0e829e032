/**
 * The connected look, in any mode: `account` or `account-name` shows "Connected to … as …", the
 * picture and a Disconnect button in place of the sign-in button.
 * `import 'oauth-connect/modes/connected'` (server-bound imports it).
 */
import { providers } from '../../flow/providers.js';
import { en } from '../locales.js';
import { setText } from '../shadow.js';
import { registerMode, type ModeElement } from './mode.js';

// English, here rather than in the base: only a page that shows an account needs these words.
Object.assign(en, {
  connectedTo: 'Connected to %1 as %2',
  connectedAs: 'Connected as %',
  disconnect: 'Disconnect',
});

/** The picture and the Disconnect button, parsed once; each element clones them when it first connects. */
let tree: HTMLTemplateElement | undefined;
/**
 * The picture's rule (as high as the button, round), adopted beside the element's own stylesheet
 * (styles.ts, which every page pays for) when an element first shows it.
 */
let sheet: CSSStyleSheet | undefined;
const looks = new WeakMap<ModeElement, [HTMLImageElement, HTMLElement]>();

registerMode('connected', {
  paint: (el, root, status, text, fill) => {
    let look = looks.get(el);
    if (!look) {
      tree ??= Object.assign(document.createElement('template'), {
        innerHTML: '<img part=picture alt=""><button part=disconnect type=button></button>',
      });
      // An array: the fragment's live collection empties as its nodes move into the shadow root.
      look = [...document.importNode(tree.content, true).children] as [HTMLImageElement, HTMLElement];
      looks.set(el, look);
      look[1].onclick = () => void el.disconnect().then(() => el.focus());
      if (!sheet)
        (sheet = new CSSStyleSheet()).replaceSync('[part=picture]{width:var(--_h);height:var(--_h);border-radius:50%}');
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    const [picture, disconnect] = look;
    const { name, picture: src } = el.current ?? { name: '' };
    picture.src = src ?? '';
    picture.hidden = !src;
    // Always there: English above, or the language's own.
    setText(disconnect, text.disconnect as string);
    const provider = el.provider && providers[el.provider]?.name;
    setText(
      status,
      provider && text.connectedTo ? fill(text.connectedTo, provider, name) : fill(text.connectedAs ?? '', name),
    );
    // [picture] Connected to Ulule as Ada [Disconnect], in the sign-in button's place.
    const shown = [picture, status, disconnect];
    if (shown.some((node, i) => root.children[i] != node)) root.replaceChildren(...shown);
  },
});
