import { expect, test, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PAGE_BLOCKS, readmeBlock } from './readme-blocks.js';

/**
 * The README's script-tag set-up, run as written: the self-hosted files with
 * their integrity hash (computed with the README's own command), the CDN form,
 * the reserved space before the upgrade and whenDefined for a classic script.
 */
const block = (name: keyof typeof PAGE_BLOCKS) => {
  const [language, text] = PAGE_BLOCKS[name];
  return readmeBlock(language, text);
};
const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url);

/** The README's command, run on the built file: `sha384-…`. */
const integrity = (file: string) => {
  const line = block('integrity')
    .split('\n')
    .find((command) => command.includes(file))!;
  return execSync(line, { cwd: new URL('../..', import.meta.url), encoding: 'utf8', shell: '/bin/sh' }).trim();
};

/** Serves `html` at /readme-page.html and the built files at /assets/ (as a partner's server would). */
const servePage = async (page: Page, html: string, hold?: Promise<void>) => {
  await page.route('**/readme-page.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.route('**/assets/*.js', async (route) => {
    await hold;
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    await route.fulfill({ contentType: 'text/javascript', body: readFileSync(dist(file)) });
  });
  // Not until `load`: that waits for a held module script.
  await page.goto('/readme-page.html', { waitUntil: 'commit' });
  await page.waitForSelector('oauth-connect, script', { state: 'attached' });
};

test('the integrity command gives the sha384 of the exact file', () => {
  for (const file of ['oauth-connect.js', 'callback.js'])
    expect(integrity(file)).toBe(
      `sha384-${createHash('sha384')
        .update(readFileSync(dist(file)))
        .digest('base64')}`,
    );
});

for (const [hash, loads] of [
  ['right', true],
  ['wrong', false],
] as const)
  test(`a page with the ${hash} integrity hash ${loads ? 'loads' : 'refuses'} dist/oauth-connect.js`, async ({
    page,
  }) => {
    const right = integrity('oauth-connect.js');
    const value = loads ? right : `sha384-${createHash('sha384').update('another file').digest('base64')}`;
    const html = `<!doctype html>${block('selfHosted').replace('sha384-…', value)}\n${block('element')}`;
    expect(html).toContain(value);
    await servePage(page, html);
    if (loads) await page.waitForFunction(() => customElements.get('oauth-connect'));
    else await page.waitForLoadState('load');
    expect(await page.evaluate(() => !!customElements.get('oauth-connect'))).toBe(loads);
    expect(await page.locator('oauth-connect').locator('[part=button]').count()).toBe(loads ? 2 : 0);
  });

test('the CDN form pins an exact version, with integrity and crossorigin', () => {
  const cdn = block('cdn');
  expect(cdn).toMatch(/oauth-connect@\d+\.\d+\.\d+\/dist\/oauth-connect\.js/);
  expect(cdn).toContain('integrity="sha384-');
  expect(cdn).toContain('crossorigin="anonymous"');
});

test('the callback page as the README writes it runs callback.js under its integrity hash', async ({ page }) => {
  const html = block('callbackPage').replace('sha384-…', integrity('callback.js'));
  const errors: string[] = [];
  page.on('console', (message) => message.type() == 'error' && errors.push(message.text()));
  // callback.js closes its window when done (Firefox lets it close this one); the test reads the page afterwards.
  await page.addInitScript(() => (window.close = () => {}));
  await servePage(page, html);
  // With no result in the URL the script still runs: it says the window is no longer needed.
  await expect(page.locator('body')).toHaveText('This window is no longer needed. You can close it.');
  expect(errors).toEqual([]);
});

for (const size of ['small', 'medium', 'large'] as const)
  test(`the :not(:defined) style reserves the upgraded height (${size}): nothing moves on upgrade`, async ({
    page,
  }) => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const height = { small: '32px', medium: '44px', large: '52px' }[size];
    const css = block('reserve').replace('44px', height);
    const html = `<!doctype html><html lang="en"><meta charset="utf-8" /><style>${css}</style>
      <script type="module" src="/assets/oauth-connect.js"></script>
      <p>Before</p>
      <div><oauth-connect size="${size}" provider="ulule" client-id="c" redirect-uri="/callback.html"></oauth-connect></div>
      <p id="after">After</p>`;
    await servePage(page, html, hold);
    await page.waitForSelector('#after', { state: 'attached' });
    const measure = () =>
      page.evaluate(() => ({
        element: document.querySelector('oauth-connect')!.getBoundingClientRect().height,
        after: document.querySelector('#after')!.getBoundingClientRect().top,
      }));
    const before = await measure();
    expect(await page.evaluate(() => !!customElements.get('oauth-connect'))).toBe(false);
    release();
    await page.waitForFunction(() => customElements.get('oauth-connect'));
    await page.locator('oauth-connect').evaluate((el: HTMLElementTagNameMap['oauth-connect']) => el.updateComplete);
    expect(await measure()).toEqual(before);
  });

test('a classic script that waits with whenDefined can use the element’s methods', async ({ page }) => {
  let release!: () => void;
  const hold = new Promise<void>((resolve) => (release = resolve));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const html = `<!doctype html><script type="module" src="/assets/oauth-connect.js"></script>
    ${block('element')}
    ${block('whenDefined').replace('() => button.reset());', '() => button.reset());\n    window.ready = typeof button.reset;')}`;
  await servePage(page, html, hold);
  release();
  await page.waitForFunction(() => (window as unknown as { ready?: string }).ready);
  expect(await page.evaluate(() => (window as unknown as { ready?: string }).ready)).toBe('function');
  expect(errors).toEqual([]);
});

test('the bundle imports a mode from beside itself by its name only; a file that does not load is one warning naming it', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const warnings: string[] = [];
  page.on('console', (message) => message.type() == 'warning' && warnings.push(message.text()));
  const attributes = 'authorize-url="https://p.example/a" client-id="c" redirect-uri="/callback.html"';
  // mode="auto" loads dist/modes/auto.js (which imports modes/redirect.js); "nowhere" is no file; "../x" is a path.
  const html = `<!doctype html><html lang="en"><script type="module" src="/assets/oauth-connect.js"></script>
    <oauth-connect mode="auto" ${attributes}></oauth-connect>
    <oauth-connect mode="nowhere" ${attributes}></oauth-connect>
    <oauth-connect mode="../x" ${attributes}></oauth-connect>`;
  // The files beside the bundle, as a partner's server serves them: 404 for a file that is not there.
  await page.route(/\/assets\/(modes\/[\w-]+|in-app-browsers)\.js$/, (route) => {
    const file = dist(new URL(route.request().url()).pathname.slice('/assets/'.length));
    return existsSync(file)
      ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) })
      : route.fulfill({ status: 404 });
  });
  await servePage(page, html);
  await expect.poll(() => warnings.length).toBe(2);
  const origin = new URL(page.url()).origin;
  expect(warnings.sort()).toEqual([
    `oauth-connect: ${origin}/assets/modes/nowhere.js did not load.`,
    `oauth-connect: ${origin}/assets/x.js did not load.`,
  ]);
  await expect(page.locator('oauth-connect[mode=auto]')).toHaveJSProperty('status', 'idle');
  expect(requested).toContain('/assets/modes/auto.js');
  // A name that is a path is never fetched.
  expect(requested).not.toContain('/assets/x.js');
});

// The bundle's loader: a redirect must not open a window while its module is on its way (the
// popup modes' early click opens one blank: test/unit/element/modes-bundle.test.ts).
test('mode="redirect" before dist/modes/redirect.js arrives: a click opens no popup, and the page goes to the provider when it arrives', async ({
  page,
}) => {
  let release!: () => void;
  const hold = new Promise<void>((resolve) => (release = resolve));
  let released = false;
  let moduleAsked = false;
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));
  // The provider: where the page itself must go, once the module is there.
  const navigations: { url: string; released: boolean }[] = [];
  await page.route('https://provider.example/**', (route) => {
    navigations.push({ url: route.request().url(), released });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Provider</title>' });
  });
  // The bundle loads dist/modes/redirect.js from beside itself; that one file is held back.
  await page.route('**/assets/**/*.js', async (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^.*\/assets\//, '');
    if (file == 'modes/redirect.js') {
      moduleAsked = true;
      await hold;
    }
    await route.fulfill({ contentType: 'text/javascript', body: readFileSync(dist(file)) });
  });
  await page.route('**/readme-page.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><script type="module" src="/assets/oauth-connect.js"></script>
        <oauth-connect mode="redirect" authorize-url="https://provider.example/authorize" client-id="partner"
          redirect-uri="/callback.html">Sign in</oauth-connect>`,
    }),
  );
  // Not until `load`: Firefox holds it for the held module.
  await page.goto('/readme-page.html', { waitUntil: 'commit' });
  const button = page.locator('oauth-connect [part="button"]');
  await expect(button).toBeVisible();
  await expect.poll(() => moduleAsked, { message: 'the bundle asks for the redirect module' }).toBe(true);

  await button.click();
  await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'pending');
  // Long enough for a popup or a navigation that did not wait for the module to show.
  await page.waitForTimeout(500);
  expect(popups, 'no window opens while the module is on its way').toEqual([]);
  expect(navigations, 'nor does the page leave').toEqual([]);
  const { origin, pathname } = new URL(page.url());
  expect(pathname).toBe('/readme-page.html');

  released = true;
  release();
  await page.waitForURL('https://provider.example/**');
  expect(navigations).toHaveLength(1);
  expect(navigations[0]!.released, 'the page left only once the module had arrived').toBe(true);
  const authorize = new URL(navigations[0]!.url);
  expect(authorize.pathname).toBe('/authorize');
  expect(authorize.searchParams.get('client_id')).toBe('partner');
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${origin}/callback.html`);
  expect(popups, 'and no window opened at all').toEqual([]);
});
