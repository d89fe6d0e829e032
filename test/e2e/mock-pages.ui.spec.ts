import { expect, test, type Page } from '@playwright/test';
import { startMockProvider, type RunningMockProvider } from '../../src/mock-provider/index.js';
import { CLIENT, REDIRECT_URI } from './api-helpers.js';

/**
 * The mock's pages in a real browser at the size of the element's popup
 * (500×650): nothing scrolls, the focus is where the user types next, the
 * titles read well, and the words follow ui_locales or Accept-Language.
 */
test.use({ viewport: { width: 500, height: 650 } });

let provider: RunningMockProvider;
test.beforeEach(async () => {
  provider = await startMockProvider({ port: 0 });
});
test.afterEach(async () => {
  await provider.close();
});

const authorizeUrl = (extra: Record<string, string> = {}) =>
  `${provider.authorizeUrl}?${new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'profile email projects:read orders:read',
    ...extra,
  })}`;

/** The page fits the popup: no scrollbar either way. */
const expectFits = async (page: Page, name: string) => {
  const size = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    innerWidth,
    innerHeight,
  }));
  expect(size.height, `${name}: height`).toBeLessThanOrEqual(size.innerHeight);
  expect(size.width, `${name}: width`).toBeLessThanOrEqual(size.innerWidth);
};
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.id || element?.tagName.toLowerCase();
  });

for (const [language, extra, words] of [
  [
    'English',
    {},
    {
      signIn: 'Sign in',
      create: 'Create an account',
      consent: 'Authorize',
      allow: 'Allow',
      wrong: 'The email or password is incorrect.',
      name: 'Enter your name.',
      scope: 'See your orders',
    },
  ],
  [
    'French (ui_locales)',
    { ui_locales: 'de fr-CA en' },
    {
      signIn: 'Connexion',
      create: 'Créer un compte',
      consent: 'Autorisation',
      allow: 'Autoriser',
      wrong: 'L’e-mail ou le mot de passe est incorrect.',
      name: 'Saisissez votre nom.',
      scope: 'Voir vos commandes',
    },
  ],
] as const)
  test(`every page fits the 500×650 popup, with focus where the user goes next: ${language}`, async ({ page }) => {
    const lang = 'ui_locales' in extra ? 'fr' : 'en';
    await page.goto(authorizeUrl(extra));
    await expect(page).toHaveTitle(`${words.signIn} · Mock provider`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await focused(page)).toBe('email');
    await expectFits(page, 'sign-in');

    await page.locator('#email').fill('ada@example.com');
    await page.locator('#password').fill('wrong password');
    await page.locator('#password').press('Enter');
    await expect(page.getByRole('alert')).toHaveText(words.wrong);
    // After a wrong password, the focus is in the password field, not back at the top.
    await expect.poll(() => focused(page)).toBe('password');
    await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
    await expectFits(page, 'sign-in with its error');

    await page.goto(authorizeUrl({ ...extra, prompt: 'create' }));
    await expect(page).toHaveTitle(`${words.create} · Mock provider`);
    await expectFits(page, 'sign-up');
    await page.locator('#email').fill('new@example.com');
    await page.locator('#email').press('Enter');
    await expect(page.getByRole('alert')).toHaveText(words.name);
    await expect.poll(() => focused(page)).toBe('name');
    await expectFits(page, 'sign-up with its error');

    await page.goto(authorizeUrl(extra));
    await page.locator('#email').fill('ada@example.com');
    await page.locator('#password').fill('analytical-engine');
    await page.locator('#password').press('Enter');
    await expect(page).toHaveTitle(`${words.consent} · Mock provider`);
    await expect(page.getByRole('button', { name: words.allow })).toBeVisible();
    await expect(page.getByText(words.scope)).toBeVisible();
    // The consent page starts at its heading, which says who asks for what.
    await expect.poll(() => focused(page)).toBe('h1');
    await expectFits(page, 'consent');
  });

test("the browser's language picks French when ui_locales names no language the pages know", async ({ browser }) => {
  // Chromium sends the `locale` as its Accept-Language; the header goes along for the engines that take it from there.
  const context = await browser.newContext({
    locale: 'fr-FR',
    extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' },
  });
  const page = await context.newPage();
  const sent = page.waitForRequest((request) => request.url().startsWith(provider.authorizeUrl));
  await page.goto(authorizeUrl({ ui_locales: 'ja' }));
  expect(await (await sent).headerValue('accept-language')).toMatch(/^fr/);
  await expect(page).toHaveTitle('Connexion · Mock provider');
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  // ui_locales wins over the browser's language.
  await page.goto(authorizeUrl({ ui_locales: 'en' }));
  await expect(page).toHaveTitle('Sign in · Mock provider');
  await context.close();
});

for (const profile of ['ulule', 'ultracart'] as const)
  test(`as ${profile}, sign-in, consent and Allow work at the provider's own authorize path`, async ({ page }) => {
    const playing = await startMockProvider({ port: 0, profile });
    try {
      await page.goto(
        `${playing.authorizeUrl}?${new URLSearchParams({ client_id: CLIENT.id, redirect_uri: REDIRECT_URI, response_type: 'code', state: 's-1' })}`,
      );
      await page.locator('#email').fill('ada@example.com');
      await page.locator('#password').fill('analytical-engine');
      await page.locator('#password').press('Enter');
      await expect(page).toHaveTitle('Authorize · Mock provider');
      // The forms post back to the page's own path, whatever the provider calls it.
      expect(new URL(page.url()).pathname).toBe(new URL(playing.authorizeUrl).pathname);
      const [redirect] = await Promise.all([
        page.waitForRequest((request) => request.url().startsWith(REDIRECT_URI)),
        page.getByRole('button', { name: 'Allow' }).click(),
      ]);
      const back = new URL(redirect.url());
      expect(back.searchParams.get('state')).toBe('s-1');
      expect(back.searchParams.get('code')).toMatch(/^mock_code_/);
      // Neither provider sends RFC 9207's iss: the mock does not either as them.
      expect(back.searchParams.has('iss')).toBe(false);
    } finally {
      await playing.close();
    }
  });
