import { expect } from '@open-wc/testing';
import { browserSignals, detectEnvironment, escapeUrl, registerInAppBrowser } from '../../../src/flow/environment.js';
import { inAppBrowsers, type InAppBrowser } from '../../../src/in-app-browsers.js';
import { inappSpy, uaParserJs, type UserAgentCase } from './user-agents.js';

const entry = (app: string): InAppBrowser => inAppBrowsers.find((known) => known.app == app)!;
const signalsOf = ({ ua, globals = [] }: UserAgentCase) => ({
  userAgent: ua,
  globals: Object.fromEntries(globals.map((name) => [name, {}])),
});

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
          const found = detectEnvironment(signalsOf(test));
          // The way out is the one for the device's platform; a desktop app has none.
          const escape =
            app && (platform == 'ios' || platform == 'android') ? entry(app).escape?.[platform] : undefined;
          expect(found, test.ua).to.deep.equal(app ? { kind: 'in-app', app, escape } : { kind: 'browser' });
        });
      });
    });

  it('takes Safari on iOS 26.4 for an ordinary browser, as the fixtures record it', () => {
    expect(inappSpy.filter((c) => c.ua == safari26 && !c.app)).to.not.be.empty;
    expect(detectEnvironment({ userAgent: safari26 })).to.deep.equal({ kind: 'browser' });
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
    expect(detectEnvironment(signalsOf(telegram)).app).to.equal('telegram');
    expect(detectEnvironment({ userAgent: telegram.ua })).to.deep.equal({ kind: 'browser' });
  });

  it("gives Instagram's own way out, and none where none is known (WeChat and Snapchat on iOS, Android WebViews)", () => {
    expect(detectEnvironment({ userAgent: instagramIos }).escape).to.equal('instagram://extbrowser/?url={url}');
    expect(detectEnvironment({ userAgent: facebookAndroid }).escape).to.equal(
      'intent:{rest}#Intent;scheme={scheme};end',
    );
    for (const app of ['wechat', 'snapchat']) {
      const ios = inappSpy.find((c) => c.app == app && c.platform == 'ios')!;
      expect(detectEnvironment(signalsOf(ios))).to.deep.equal({ kind: 'in-app', app, escape: undefined });
    }
    const webView = uaParserJs.find((c) => c.app == 'android-webview')!;
    expect(detectEnvironment(signalsOf(webView))).to.deep.equal({
      kind: 'in-app',
      app: 'android-webview',
      escape: undefined,
    });
  });
});

describe('home-screen app detection', () => {
  it('takes navigator.standalone for a home-screen app', () => {
    expect(detectEnvironment({ userAgent: safari26, standalone: true })).to.deep.equal({ kind: 'standalone' });
    expect(detectEnvironment({ userAgent: safari26, standalone: false })).to.deep.equal({ kind: 'browser' });
  });

  it('takes display-mode: standalone for a home-screen app on iOS only, where window.open leaves for Safari', () => {
    expect(detectEnvironment({ userAgent: safari26, displayModeStandalone: true })).to.deep.equal({
      kind: 'standalone',
    });
    for (const userAgent of [pixelChrome, macChrome])
      expect(detectEnvironment({ userAgent, displayModeStandalone: true }), userAgent).to.deep.equal({
        kind: 'browser',
      });
  });

  it("lets an app's marker win over standalone signals", () => {
    expect(detectEnvironment({ userAgent: instagramIos, standalone: true, displayModeStandalone: true }).kind).to.equal(
      'in-app',
    );
  });
});

describe("this browser's signals", () => {
  it('finds the test browser an ordinary browser', () => {
    const signals = browserSignals();
    expect(signals.userAgent).to.equal(navigator.userAgent);
    expect(detectEnvironment(signals)).to.deep.equal({ kind: 'browser' });
  });

  it("reads an app's globals from window when asked, not when loaded", () => {
    const telegram = window as { TelegramWebview?: object };
    telegram.TelegramWebview = {};
    try {
      expect(detectEnvironment(browserSignals()).app).to.equal('telegram');
    } finally {
      delete telegram.TelegramWebview;
    }
  });
});

describe('escapeUrl', () => {
  const page = 'https://shop.example/campaign/42?ref=ig&code=abc&state=xyz&iss=https%3A%2F%2Fid.example#/rewards';
  const drop = { params: ['code', 'state', 'iss'] };

  it("opens the page in Android's default browser by an intent: URL, without the result and state", () => {
    expect(escapeUrl(entry('facebook').escape!.android!, page, drop)).to.equal(
      'intent://shop.example/campaign/42?ref=ig#/rewards#Intent;scheme=https;end',
    );
  });

  it('opens the page in Safari by x-safari-https:, and keeps the scheme of a development server', () => {
    expect(escapeUrl(entry('facebook').escape!.ios!, page, drop)).to.equal(
      'x-safari-https://shop.example/campaign/42?ref=ig#/rewards',
    );
    expect(escapeUrl(entry('tiktok').escape!.ios!, 'http://localhost:5173/')).to.equal(
      'x-safari-http://localhost:5173/',
    );
  });

  it("hands Instagram's extbrowser the whole page URL, encoded as a query value", () => {
    expect(escapeUrl(entry('instagram').escape!.ios!, page, { ...drop, fragment: true })).to.equal(
      'instagram://extbrowser/?url=https%3A%2F%2Fshop.example%2Fcampaign%2F42%3Fref%3Dig',
    );
  });

  it('drops the fragment when asked, and the query mark with the last parameter', () => {
    expect(
      escapeUrl('x-safari-{scheme}:{rest}', 'https://a.example/p?code=1#oauth-connect=x', {
        params: ['code'],
        fragment: true,
      }),
    ).to.equal('x-safari-https://a.example/p');
  });

  it('leaves a query it takes nothing from exactly as the page wrote it', () => {
    expect(escapeUrl('{url}', 'https://a.example/?q=a%20b&flag', drop)).to.equal(
      encodeURIComponent('https://a.example/?q=a%20b&flag'),
    );
  });
});

describe('registerInAppBrowser', () => {
  it('adds an app, checked before the broader Android WebView entry', () => {
    const ua = uaParserJs.find((c) => c.app == 'android-webview')!.ua;
    registerInAppBrowser({
      app: 'nexus-app',
      userAgent: 'Nexus 5 Build',
      escape: { android: 'intent:{rest}#Intent;scheme={scheme};end' },
    });
    expect(detectEnvironment({ userAgent: ua })).to.deep.equal({
      kind: 'in-app',
      app: 'nexus-app',
      escape: 'intent:{rest}#Intent;scheme={scheme};end',
    });
  });

  it('replaces the entry of the same app, in its place', () => {
    registerInAppBrowser({ app: 'instagram', userAgent: '\\bInstagram \\d' });
    try {
      expect(detectEnvironment({ userAgent: instagramIos })).to.deep.equal({
        kind: 'in-app',
        app: 'instagram',
        escape: undefined,
      });
    } finally {
      registerInAppBrowser(entry('instagram'));
    }
    expect(detectEnvironment({ userAgent: instagramIos }).escape).to.equal('instagram://extbrowser/?url={url}');
  });
});
