import { expect } from '@open-wc/testing';
import { detectEnvironment, escapeUrl, registerInAppBrowser } from '../../../src/flow/environment.js';
import { inAppBrowsers, type InAppBrowser } from '../../../src/in-app-browsers.js';
import { inappSpy, uaParserJs, type UserAgentCase } from './user-agents.js';

const entry = (app: string): InAppBrowser => inAppBrowsers.find((known) => known.app == app)!;
/**
 * What a browser tells about itself, given rather than read (this test browser is none of these):
 * the user agent, the web view's globals, navigator.standalone and display-mode: standalone.
 */
const detect = (
  userAgent: string,
  {
    globals = {},
    standalone = false,
    displayModeStandalone = false,
  }: { globals?: object; standalone?: boolean; displayModeStandalone?: boolean } = {},
) => detectEnvironment(userAgent, globals, standalone, displayModeStandalone);
const detectCase = ({ ua, globals = [] }: UserAgentCase) =>
  detect(ua, { globals: Object.fromEntries(globals.map((name) => [name, {}])) });

// From the fixtures: an iPhone on iOS 26.4, whose Safari froze the OS version at 18_7.
const safari26 =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.4 Mobile/15E148 Safari/604.1';
const instagramIos = inappSpy.find((c) => c.app == 'instagram' && c.platform == 'ios')!.ua;
const facebookAndroid = inappSpy.find((c) => c.app == 'facebook' && c.platform == 'android')!.ua;
const pixelChrome = inappSpy.find((c) => c.name == 'MOBILE.PIXEL.not_inapp.CHROME')!.ua;
const macChrome = inappSpy.find((c) => c.name == 'DESKTOP.MACOS.not_inapp.CHROME')!.ua;

describe('in-app browser detection', () => {
  for (const [source, cases] of [
    ['inapp-spy 5.0.9', inappSpy],
    ['ua-parser-js 1.0.2', uaParserJs],
  ] as const)
    describe(`user agents of ${source}'s fixtures`, () => {
      cases.forEach((test, i) => {
        const { app, platform } = test;
        it(`${test.name} #${i} (${platform ?? 'no platform'}): ${app ?? 'an ordinary browser'}`, () => {
          const found = detectCase(test);
          // The way out is the one for the device's platform; a desktop app has none.
          const escape =
            app && (platform == 'ios' || platform == 'android') ? entry(app).escape?.[platform] : undefined;
          expect(found, test.ua).to.deep.equal(app ? { kind: 'in-app', app, escape } : { kind: 'browser' });
        });
      });
    });

  it('takes Safari on iOS 26.4 for an ordinary browser, as the fixtures record it', () => {
    expect(inappSpy.filter((c) => c.ua == safari26 && !c.app)).to.not.be.empty;
    expect(detect(safari26)).to.deep.equal({ kind: 'browser' });
  });

  it('covers every app of the table but Android WebViews on both iOS and Android, from the fixtures', () => {
    const seen = (platform: string) =>
      new Set([...inappSpy, ...uaParserJs].filter((c) => c.platform == platform).map((c) => c.app));
    const [ios, android] = [seen('ios'), seen('android')];
    for (const app of ['instagram', 'facebook', 'tiktok', 'line', 'wechat', 'telegram']) {
      expect(ios.has(app), `${app} on iOS`).to.be.true;
      expect(android.has(app), `${app} on Android`).to.be.true;
    }
    // The fixtures have these apps on one platform only.
    for (const app of ['linkedin', 'snapchat', 'twitter']) expect(ios.has(app), `${app} on iOS`).to.be.true;
    expect(android.has('threads')).to.be.true;
    for (const platform of ['ios', 'android', 'desktop']) expect(seen(platform).has(undefined), platform).to.be.true;
  });

  it('knows Telegram only by its globals: the same user agent without them is Safari', () => {
    const telegram = inappSpy.find((c) => c.app == 'telegram' && c.platform == 'ios')!;
    expect(detectCase(telegram).app).to.equal('telegram');
    expect(detect(telegram.ua)).to.deep.equal({ kind: 'browser' });
  });

  it("gives Instagram's own way out, and none where none is known (WeChat and Snapchat on iOS, Android WebViews)", () => {
    expect(detect(instagramIos).escape).to.equal('instagram://extbrowser/?url=$<url>');
    expect(detect(facebookAndroid).escape).to.equal('intent:$<rest>#Intent;scheme=$<scheme>;end');
    for (const app of ['wechat', 'snapchat']) {
      const ios = inappSpy.find((c) => c.app == app && c.platform == 'ios')!;
      expect(detectCase(ios)).to.deep.equal({ kind: 'in-app', app, escape: undefined });
    }
    const webView = uaParserJs.find((c) => c.app == 'android-webview')!;
    expect(detectCase(webView)).to.deep.equal({
      kind: 'in-app',
      app: 'android-webview',
      escape: undefined,
    });
  });
});

describe('home-screen app detection', () => {
  it('takes navigator.standalone for a home-screen app', () => {
    expect(detect(safari26, { standalone: true })).to.deep.equal({ kind: 'standalone' });
    expect(detect(safari26, { standalone: false })).to.deep.equal({ kind: 'browser' });
  });

  it('takes display-mode: standalone for a home-screen app on iOS only, where window.open leaves for Safari', () => {
    expect(detect(safari26, { displayModeStandalone: true })).to.deep.equal({
      kind: 'standalone',
    });
    for (const userAgent of [pixelChrome, macChrome])
      expect(detect(userAgent, { displayModeStandalone: true }), userAgent).to.deep.equal({
        kind: 'browser',
      });
  });

  it("lets an app's marker win over standalone signals", () => {
    expect(detect(instagramIos, { standalone: true, displayModeStandalone: true }).kind).to.equal('in-app');
  });
});

describe("this browser's signals", () => {
  it('reads this browser when told nothing, and finds the test browser an ordinary browser', () => {
    expect(detectEnvironment()).to.deep.equal({ kind: 'browser' });
    // Its own user agent, read: a known app's name in it would make it an in-app browser.
    Object.defineProperty(navigator, 'userAgent', { value: instagramIos, configurable: true });
    try {
      expect(detectEnvironment()).to.deep.equal({
        kind: 'in-app',
        app: 'instagram',
        escape: 'instagram://extbrowser/?url=$<url>',
      });
    } finally {
      delete (navigator as { userAgent?: string }).userAgent;
    }
    expect(detectEnvironment().kind).to.equal('browser');
  });

  it("reads an app's globals from window when asked, not when loaded", () => {
    const telegram = window as { TelegramWebview?: object };
    telegram.TelegramWebview = {};
    try {
      expect(detectEnvironment().app).to.equal('telegram');
    } finally {
      delete telegram.TelegramWebview;
    }
  });
});

describe('escapeUrl', () => {
  // The page as the element reads it: the bundle has taken any returned result out of its address already.
  const page = 'https://shop.example/campaign/42?ref=ig&utm_source=ig#/rewards';

  it("opens the page in Android's default browser by an intent: URL, its own fragment kept before the intent's", () => {
    expect(escapeUrl(entry('facebook').escape!.android!, page)).to.equal(
      'intent://shop.example/campaign/42?ref=ig&utm_source=ig#/rewards#Intent;scheme=https;end',
    );
  });

  it('opens the page in Safari by x-safari-https:, and keeps the scheme of a development server', () => {
    expect(escapeUrl(entry('facebook').escape!.ios!, page)).to.equal(
      'x-safari-https://shop.example/campaign/42?ref=ig&utm_source=ig#/rewards',
    );
    expect(escapeUrl(entry('tiktok').escape!.ios!, 'http://localhost:5173/')).to.equal(
      'x-safari-http://localhost:5173/',
    );
  });

  it("hands Instagram's extbrowser the whole page URL, encoded as a query value", () => {
    expect(escapeUrl(entry('instagram').escape!.ios!, page)).to.equal(
      'instagram://extbrowser/?url=https%3A%2F%2Fshop.example%2Fcampaign%2F42%3Fref%3Dig%26utm_source%3Dig%23%2Frewards',
    );
  });

  it('leaves the page exactly as it was written, replacement patterns ($&) included', () => {
    expect(escapeUrl('$<url>', 'https://a.example/?q=a%20b&flag')).to.equal(
      encodeURIComponent('https://a.example/?q=a%20b&flag'),
    );
    expect(escapeUrl('x-safari-$<scheme>:$<rest>', "https://a.example/$&/?x=$'#$`")).to.equal(
      "x-safari-https://a.example/$&/?x=$'#$`",
    );
  });
});

describe('registerInAppBrowser', () => {
  it('adds an app, checked before the broader Android WebView entry', () => {
    const ua = uaParserJs.find((c) => c.app == 'android-webview')!.ua;
    registerInAppBrowser({
      app: 'nexus-app',
      userAgent: /Nexus 5 Build/,
      escape: { android: 'intent:$<rest>#Intent;scheme=$<scheme>;end' },
    });
    expect(detect(ua)).to.deep.equal({
      kind: 'in-app',
      app: 'nexus-app',
      escape: 'intent:$<rest>#Intent;scheme=$<scheme>;end',
    });
  });

  it('replaces the entry of the same app', () => {
    registerInAppBrowser({ app: 'instagram', userAgent: /\bInstagram \d/i });
    try {
      expect(detect(instagramIos)).to.deep.equal({
        kind: 'in-app',
        app: 'instagram',
        escape: undefined,
      });
    } finally {
      registerInAppBrowser(entry('instagram'));
    }
    expect(detect(instagramIos).escape).to.equal('instagram://extbrowser/?url=$<url>');
  });

  it('drops the replaced entry: its marker no longer matches', () => {
    registerInAppBrowser({ app: 'instagram', userAgent: /\bInstagramLite\//i });
    try {
      expect(detect(instagramIos)).to.deep.equal({ kind: 'browser' });
    } finally {
      registerInAppBrowser(entry('instagram'));
    }
  });
});
