import {
  expect,
  test,
  type Page,
  type PlaywrightTestArgs,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
} from '@playwright/test';

/**
 * The element takes the page's own color-scheme: light when the page says
 * nothing (whatever the OS prefers), the OS preference when the page says
 * `light dark`, and `theme` pins one. In every combination of OS preference and
 * page color-scheme, the contrast ratios are computed from the real computed
 * colours: text at least 4.5:1 against what is really behind it (the button's
 * own fill, or the page's canvas), borders at least 3:1 against the page.
 */
const page = (scheme: string | undefined) => `<!doctype html>
<html lang="en"${scheme ? ` style="color-scheme: ${scheme}"` : ''}>
<meta charset="utf-8" />
<script type="module" src="/dist/oauth-connect.js"></script>
<body style="margin: 16px">
  ${['idle', 'pending', 'error']
    .flatMap((status) =>
      ['filled', 'outline'].map(
        (variant) =>
          `<p><oauth-connect data-status="${status}" variant="${variant}" authorize-url="https://auth.example.com/authorize" client-id="c" redirect-uri="/callback.html"></oauth-connect></p>`,
      ),
    )
    .join('\n')}
  <div id="canvas" style="background: Canvas; width: 1px; height: 1px"></div>
</body>`;

/** Loads the page and returns, per element, the contrast ratios measured in the browser. */
const measure = async (browserPage: Page, scheme: string | undefined) => {
  await browserPage.route('**/color-scheme-test.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: page(scheme) }),
  );
  await browserPage.goto('/color-scheme-test.html');
  await browserPage.waitForFunction(() => customElements.get('oauth-connect'));
  return browserPage.evaluate(async () => {
    const elements = [...document.querySelectorAll('oauth-connect')];
    for (const el of elements) el.status = el.dataset.status as typeof el.status;
    await Promise.all(elements.map((el) => el.updateComplete));
    const rgb = (color: string) => {
      const [r, g, b, a = 1] = color.match(/[\d.]+/g)!.map(Number);
      if (a != 1) throw new Error(`translucent colour ${color}`);
      return [r!, g!, b!];
    };
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((c) =>
        c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
      );
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return Math.round(((hi! + 0.05) / (lo! + 0.05)) * 100) / 100;
    };
    const canvas = getComputedStyle(document.querySelector('#canvas')!).backgroundColor;
    for (const node of [document.documentElement, document.body])
      if (getComputedStyle(node).backgroundColor != 'rgba(0, 0, 0, 0)') throw new Error('the page paints a background');
    return elements.map((el) => {
      const part = (name: string) => el.shadowRoot!.querySelector(`[part=${name}]`);
      const style = (node: Element) => getComputedStyle(node);
      const button = style(part('button')!);
      const label = style(part('label')!);
      const checks: Record<string, number> = {
        // The label on the button's own fill.
        'label text': ratio(label.color, button.backgroundColor),
        // The button's edge (its border, the same colour as a filled button's fill) against the page.
        'button border': ratio(button.borderTopColor, canvas),
      };
      if (el.status != 'idle') checks['status text'] = ratio(style(part('status')!).color, canvas);
      const cancel = part('cancel');
      if (cancel) {
        checks['cancel text'] = ratio(style(cancel).color, style(cancel).backgroundColor);
        checks['cancel border'] = ratio(style(cancel).borderTopColor, canvas);
      }
      return {
        element: `${el.getAttribute('variant')} ${el.status}`,
        scheme: button.colorScheme,
        checks,
      };
    });
  });
};

/**
 * A page whose OS preference is `os`. Playwright's colorScheme reaches Chromium;
 * Firefox over WebDriver BiDi ignores it, so there the test starts its own
 * Firefox (same binary and channel as the project) with the preference that
 * overrides the OS's scheme for content.
 */
const withOsScheme = async (
  {
    page,
    playwright,
    browserName,
  }: Pick<PlaywrightWorkerArgs & PlaywrightTestArgs & PlaywrightWorkerOptions, 'page' | 'playwright' | 'browserName'>,
  os: 'light' | 'dark',
  run: (page: Page) => Promise<void>,
) => {
  if (browserName != 'firefox') {
    await page.emulateMedia({ colorScheme: os });
    return run(page);
  }
  const { channel, launchOptions } = test.info().project.use as { channel?: string; launchOptions?: object };
  const firefox = await playwright.firefox.launch({
    ...launchOptions,
    ...(channel && { channel }),
    firefoxUserPrefs: { 'layout.css.prefers-color-scheme.content-override': os == 'dark' ? 0 : 1 },
  });
  try {
    const context = await firefox.newContext({ baseURL: test.info().project.use.baseURL });
    return await run(await context.newPage());
  } finally {
    await firefox.close();
  }
};

for (const os of ['light', 'dark'] as const)
  test.describe(`OS prefers ${os}`, () => {
    for (const scheme of [undefined, 'light', 'dark', 'light dark'])
      test(`page color-scheme ${scheme ?? '(none)'}: the element follows the page, text 4.5:1, borders 3:1`, ({
        page,
        playwright,
        browserName,
      }) =>
        withOsScheme({ page, playwright, browserName }, os, async (browserPage) => {
          const expected = scheme == 'light dark' ? os : (scheme ?? 'light');
          const results = await measure(browserPage, scheme);
          // The browser really reports the OS preference under test.
          expect(await browserPage.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
            os == 'dark',
          );
          for (const { element, scheme: used, checks } of results) {
            // `color-scheme` is inherited: the button uses the page's (what light-dark() resolves against).
            expect(used, element).toBe(scheme ?? 'normal');
            for (const [what, value] of Object.entries(checks))
              expect(value, `${expected} palette, ${element}: ${what}`).toBeGreaterThanOrEqual(
                what.endsWith('text') ? 4.5 : 3,
              );
          }
          // And the palette really is the expected one: the status text is dark on light, light on dark.
          const status = await browserPage.evaluate(() => {
            const el = document.querySelector('oauth-connect[data-status=error]')!;
            const [r] = getComputedStyle(el.shadowRoot!.querySelector('[part=status]')!)
              .color.match(/\d+/g)!
              .map(Number);
            return r! > 200 ? 'dark' : 'light';
          });
          expect(status).toBe(expected);
        }));
  });

test('theme pins the palette whatever the page and the OS say', ({ page, playwright, browserName }) =>
  withOsScheme({ page, playwright, browserName }, 'dark', async (browserPage) => {
    await measure(browserPage, 'light dark');
    const schemes = await browserPage.evaluate(async () => {
      const [a, b] = [...document.querySelectorAll('oauth-connect')];
      a!.setAttribute('theme', 'light');
      document.documentElement.style.colorScheme = '';
      b!.setAttribute('theme', 'dark');
      return [a, b].map((el) => getComputedStyle(el!.shadowRoot!.querySelector('[part=button]')!).colorScheme);
    });
    expect(schemes).toEqual(['light', 'dark']);
  }));
