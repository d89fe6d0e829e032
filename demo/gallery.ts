/**
 * The gallery (gallery.html): the real element in every preset × size ×
 * variant × theme × state, plus full width, right-to-left and other languages.
 * States are set through the reflected `status` property, so nothing here opens
 * a popup. Screenshot tests (test/e2e/gallery.screenshot.spec.ts) and
 * `npm run gallery:png` (docs/gallery.png) render this page.
 */
// The gallery's fonts, served with the page from npm packages (see gallery.css).
import '@fontsource-variable/noto-sans';
import '@fontsource-variable/noto-sans-arabic';
import '@fontsource-variable/noto-sans-mono';
import '../src/define.js';
import { registerLocale, registerProvider } from '../src/index.js';

// A partner's own preset, as the README shows it.
registerProvider('acme', {
  name: 'Acme',
  authorizeUrl: 'https://id.acme.example/oauth/authorize',
  responseTypes: ['code'],
  accent: '#6d28d9',
});
// A partner's own language, right-to-left.
registerLocale('ar', {
  signIn: 'تسجيل الدخول',
  signInWith: 'تسجيل الدخول عبر %',
  newWindow: 'يفتح نافذة جديدة',
  waiting: 'في انتظار %…',
  cancel: 'إلغاء',
  success: 'تم الاتصال',
  error: 'فشل تسجيل الدخول. حاول مرة أخرى.',
});

// mode="auto" decides from what the browser tells about itself when an element first renders:
// the gallery plays an Instagram visitor on an iPhone, as demo/in-app.ts does, so that its
// mode="auto" elements show the in-app hint with Instagram's way out. (Only mode="auto" reads it.)
Object.defineProperty(navigator, 'userAgent', {
  value:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 Instagram 354.0.0.29.90 (iPhone12,8; iOS 18_1; en_US; en; scale=2.00; 750x1334; 654111336; IABMV/1)',
});

type Attrs = Record<string, string | boolean | undefined>;

/**
 * A picture for the connected look, made here: the gallery loads nothing from the network.
 * The initials are strokes, not `<text>`: an SVG shown by `<img>` cannot use the page's web
 * fonts, so text in it would be drawn in the machine's font and the baselines would differ.
 */
const AVATAR =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#0e7490"/><path d="M8.5 28 14 12l5.5 16m-8-5h5M24 12v16h7.5" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  );

const PRESETS: [string, Attrs][] = [
  ['Generic', { 'authorize-url': 'https://auth.example.com/authorize' }],
  ['Ulule', { provider: 'ulule' }],
  ['UltraCart', { provider: 'ultracart' }],
  ['Acme (registered)', { provider: 'acme' }],
];
const SIZES = ['small', 'medium', 'large'];
const VARIANTS = ['filled', 'outline'];
const THEMES = ['light', 'dark'];
const STATES = ['idle', 'pending', 'success', 'error'];

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

const button = (attrs: Attrs, status = 'idle') => {
  const node = document.createElement('oauth-connect');
  node.setAttribute('client-id', 'gallery');
  node.setAttribute('redirect-uri', '/callback.html');
  for (const [name, value] of Object.entries(attrs))
    if (value === true) node.setAttribute(name, '');
    else if (typeof value == 'string') node.setAttribute(name, value);
  node.status = status as typeof node.status;
  return node;
};

/** One theme × variant: a table of presets and sizes (rows) by states (columns). */
const matrix = (theme: string, variant: string) => {
  const table = el('table');
  const head = el('tr', {}, el('th', { scope: 'col' }, el('span', { className: 'sr' }, 'Preset and size')));
  for (const state of STATES) head.append(el('th', { scope: 'col' }, state));
  table.append(el('thead', {}, head));
  for (const size of SIZES) {
    const body = el('tbody');
    for (const [name, attrs] of PRESETS) {
      const row = el('tr', {}, el('th', { scope: 'row' }, name, el('small', {}, size)));
      for (const state of STATES)
        row.append(
          el(
            'td',
            {},
            button(
              {
                ...attrs,
                theme,
                size: size == 'medium' ? undefined : size,
                variant: variant == 'outline' ? variant : undefined,
              },
              state,
            ),
          ),
        );
      body.append(row);
    }
    table.append(body);
  }
  return table;
};

const panel = (theme: string, title: string, ...content: Node[]) =>
  el('section', { className: `panel ${theme}` }, el('h2', {}, title), ...content);

const gallery = document.querySelector('#gallery')!;
for (const theme of THEMES)
  for (const variant of VARIANTS)
    gallery.append(panel(theme, `${theme == 'light' ? 'Light' : 'Dark'} theme · ${variant}`, matrix(theme, variant)));

// Full width, right-to-left and languages, in both themes.
for (const theme of THEMES) {
  const extras = el('div', { className: 'extras' });
  const figure = (caption: string, ...nodes: Node[]) =>
    extras.append(el('figure', {}, el('figcaption', {}, caption), ...nodes));
  figure(
    'full-width',
    button({ provider: 'ulule', theme, 'full-width': true }),
    button({ provider: 'ultracart', theme, 'full-width': true, variant: 'outline' }, 'pending'),
  );
  const rtl = el('div', { dir: 'rtl', lang: 'ar' });
  rtl.append(button({ provider: 'acme', theme }), button({ provider: 'ulule', theme }, 'pending'));
  figure('dir="rtl", lang="ar" (registerLocale)', rtl);
  for (const [lang, label] of [
    ['fr', 'Français'],
    ['es', 'Español'],
    ['de', 'Deutsch'],
  ]) {
    const wrap = el('div', { lang });
    wrap.append(
      button({ provider: 'ulule', theme }),
      button({ provider: 'ulule', theme }, lang == 'de' ? 'error' : 'success'),
    );
    figure(`lang="${lang}" · ${label}`, wrap);
  }
  figure(
    'no-status, custom label',
    button({ provider: 'ultracart', theme, 'no-status': true, label: 'Connect your store' }, 'success'),
  );
  // The connected look: an account with a picture (the property), and account-name alone, in French.
  const connected = button({ provider: 'ulule', theme });
  connected.account = { name: 'Ada Lovelace', picture: AVATAR };
  figure(
    'connected: account (picture), account-name (fr)',
    connected,
    el('div', { lang: 'fr' }, button({ provider: 'ultracart', theme, 'account-name': 'Ada' })),
  );
  // mode="auto" in an app's in-app browser: the hint and its way out, in English and in French.
  figure(
    'mode="auto" in Instagram (en, fr)',
    button({ provider: 'ulule', theme, mode: 'auto' }),
    el('div', { lang: 'fr' }, button({ provider: 'ulule', theme, mode: 'auto' })),
  );
  gallery.append(panel(theme, `${theme == 'light' ? 'Light' : 'Dark'} theme · layout and languages`, extras));
}

// No theme attribute: the element follows this light page even when the OS is dark
// (the screenshot test takes this panel under a dark OS preference too).
{
  const extras = el('div', { className: 'extras' });
  const figure = (caption: string, ...nodes: Node[]) =>
    extras.append(el('figure', {}, el('figcaption', {}, caption), ...nodes));
  figure(
    'no theme: the page’s color-scheme',
    button({ provider: 'ulule' }),
    button({ variant: 'outline', 'authorize-url': 'https://auth.example.com/authorize' }, 'pending'),
    button({ provider: 'ultracart' }, 'error'),
  );
  const narrow = el('div', { lang: 'de' });
  narrow.style.width = '320px';
  narrow.append(button({ provider: 'ulule', 'full-width': true }, 'pending'));
  figure('full-width pending, lang="de", 320 px', narrow);
  const french = el('div', { lang: 'fr' });
  french.append(button({ provider: 'ulule' }, 'pending'), button({ provider: 'ultracart' }, 'pending'));
  figure('lang="fr" pending', french);
  gallery.append(panel('light', 'The page decides · pending states', extras));
}

// Ready once every element has rendered and every font its text needs has loaded: a
// web font is only fetched when laid-out text asks for it, so lay out first. (French, Spanish
// and German came with oauth-connect/define.)
await Promise.all([...gallery.querySelectorAll('oauth-connect')].map((node) => node.updateComplete));
document.body.getBoundingClientRect();
await document.fonts.ready;
document.documentElement.dataset.ready = '';
