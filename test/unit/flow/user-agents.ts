/**
 * Real user agents for the in-app browser detection tests, copied verbatim from two libraries'
 * test fixtures (MIT licensed). They are test data only: neither library is a dependency.
 * `app` is the app detection must report; a case without one is an ordinary browser, which must
 * never be taken for an in-app one. `platform` is the device's, whose way out the result carries.
 * `globals` are the properties the fixture's window has that detection reads.
 */
export interface UserAgentCase {
  /** Where the case is in its source file. */
  name: string;
  platform?: 'ios' | 'android' | 'desktop';
  ua: string;
  globals?: string[];
  app?: string;
}

/**
 * inapp-spy 5.0.9: src/tests/mobile.ts, tablet.ts and desktop.ts of the repository
 * github.com/shalanah/inapp-spy at commit 5a9065efd49159a94497182ef16aa91f64d229c8 (its
 * package.json says 5.0.9). The npm tarballs (`npm pack inapp-spy@5.0.10`, 4.4.0, 2.1.1) ship
 * dist/ only, without these fixtures. Names are DEVICE.OS.inapp|not_inapp.APP as there; its
 * MESSENGER cases are Meta's in-app browser, reported as facebook; its GSA and WHATSAPP cases
 * are left out (apps the table does not list). Its "{useragents: [" fragments are in the fixtures.
 */
export const inappSpy: readonly UserAgentCase[] = [
  {
    name: 'MOBILE.IPHONE.inapp.TELEGRAM',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/22B5045g Safari/604.1',
    globals: ['TelegramWebviewProxy', 'TelegramWebviewProxyProto'],
    app: 'telegram',
  },
  {
    name: 'MOBILE.IPHONE.inapp.LINKEDIN',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 {useragents: [LinkedInApp]/9.30.1753',
    app: 'linkedin',
  },
  {
    name: 'MOBILE.IPHONE.inapp.MESSENGER',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Mobile/14D27 {useragents: [FBAN/MessengerForiOS;FBAV/117.0.0.36.70;FBBV/57539258;FBDV/iPhone7,2;FBMD/iPhone;FBSN/iOS;FBSV/10.2.1;FBSS/2;FBCR/&#20013-&#33775-&#38651-&#20449-;FBID/phone;FBLC/zh_TW;FBOP/5;FBRV/0]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.IPHONE.inapp.MESSENGER',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/482.2.0.68.110;FBBV/658316928;FBDV/iPhone12,8;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/2;FBCR/;FBID/phone;FBLC/en_US;FBOP/80]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.IPHONE.inapp.FACEBOOK',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Mobile/14D27 {useragents: [FBAN/FBIOS;FBAV/93.0.0.49.65;FBBV/58440824;FBDV/iPhone7,2;FBMD/iPhone;FBSN/iOS;FBSV/10.2.1;FBSS/2;FBCR/&#20013-&#33775-&#38651-&#20449-;FBID/phone;FBLC/zh_TW;FBOP/5;FBRV/0]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.IPHONE.inapp.FACEBOOK',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 [FBAN/FBIOS;FBAV/488.0.0.68.101;FBBV/658219612;FBDV/iPhone12,8;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0;IABMV/1]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.IPHONE.inapp.FACEBOOK',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22G100 Safari/604.1 MetaIAB Facebook',
    app: 'facebook',
  },
  {
    name: 'MOBILE.IPHONE.inapp.TWITTER',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.3.12 (KHTML, like Gecko) Mobile/14D27 Twitter for iPhone',
    app: 'twitter',
  },
  {
    name: 'MOBILE.IPHONE.inapp.LINE',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Mobile/14D27 Safari Line/7.3.2',
    app: 'line',
  },
  {
    name: 'MOBILE.IPHONE.inapp.INSTAGRAM',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Mobile/14D27 Instagram 10.21.0 (iPhone7,2; iOS 10_2_1; zh-Hant_JP; zh-Hant-JP; scale=2.00; gamut=normal; 750x1334)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.IPHONE.inapp.INSTAGRAM',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 Instagram 354.0.0.29.90 (iPhone12,8; iOS 18_1; en_US; en; scale=2.00; 750x1334; 654111336; IABMV/1)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.IPHONE.inapp.INSTAGRAM',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22F76 Instagram 393.1.0.36.70 (iPhone15,3; iOS 18_5; en_US; en; scale=3.00; 1290x2796; IABMV/1; 776538208) Safari/604.1)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.IPHONE.inapp.WECHAT',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Mobile/14D27 MicroMessenger/6.5.8 NetType/WIFI Language/zh_CN',
    app: 'wechat',
  },
  {
    name: 'MOBILE.IPHONE.inapp.SNAPCHAT',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3.1 Mobile/15E148 Snapchat/12.72.0.39 (like Safari/8617.2.4.10.8, panda)',
    app: 'snapchat',
  },
  {
    name: 'MOBILE.IPHONE.inapp.TIKTOK',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 BytedanceWebview/d8a21c6 musical_ly_33.2.1 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US FalconTag/BDB55B46-0286-4504-847E-C8300CB9F79D',
    app: 'tiktok',
  },
  {
    name: 'MOBILE.IPHONE.inapp.TIKTOK',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1 musical_ly_41.9.0',
    app: 'tiktok',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.SFSVC',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.SFSVC',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.4 Mobile/15E148 Safari/604.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.CHROME',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.1.50 (KHTML, like Gecko) CriOS/58.0.3029.113 Mobile/14D27 Safari/602.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.YANDEX',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 YaBrowser/24.7.7.799.10 SA/3 Mobile/15E148 Safari/604.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.OPERA',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 OPT/5.0.7',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.FIREFOX',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/130.1  Mobile/15E148 Safari/605.1.15',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.EDGE',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) EdgiOS/128.0.2739.82 Version/18.0 Mobile/15E148 Safari/604.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.PRIVATE_SAFARI',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.PWA_SAFARI',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.SAFARI',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Version/10.0 Mobile/14D27 Safari/602.1',
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.SAFARI',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    globals: ['SchemaDataExtractor'],
  },
  {
    name: 'MOBILE.IPHONE.not_inapp.SAFARI',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.4 Mobile/15E148 Safari/604.1',
    globals: ['browser'],
  },
  {
    name: 'MOBILE.SONY.inapp.MESSENGER',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; D6653 Build/23.5.A.0.575; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 {useragents: [FB_IAB/MESSENGER;FBAV/118.0.0.19.82;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.SONY.inapp.FACEBOOK',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; D6653 Build/23.5.A.0.575; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 {useragents: [FB_IAB/FB4A;FBAV/124.0.0.22.66;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.SONY.inapp.LINE',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; D6653 Build/23.5.A.0.575; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 Line/7.4.0/IAB',
    app: 'line',
  },
  {
    name: 'MOBILE.SONY.inapp.INSTAGRAM',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; D6653 Build/23.5.A.0.575; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 Instagram 10.21.0 Android (23/6.0.1; 480dpi; 1080x1776; Sony; D6653; D6653; qcom; zh_TW)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.SONY.inapp.WECHAT',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; D6653 Build/23.5.A.0.575; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 MicroMessenger/6.5.7.1041 NetType/WIFI Language/zh_TW',
    app: 'wechat',
  },
  {
    name: 'MOBILE.SONY.not_inapp.CHROME',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; D6653 Build/23.5.A.0.575) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.83 Mobile Safari/537.36',
  },
  {
    name: 'MOBILE.XIAOMI.inapp.INSTAGRAM',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 11; Mi A3 Build/RKQ1.200903.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.14 Mobile Safari/537.36 Instagram 355.0.0.37.103 Android (30/11; 320dpi; 720x1411; Xiaomi; Mi A3; laurel_sprout; qcom; pt_BR; 657300861)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.PIXEL.inapp.FACEBOOK',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.83 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/488.0.0.62.79;IABMV/1;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.PIXEL.inapp.MESSENGER',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36  [FB_IAB/FB4A;FBAV/481.1.0.74.109;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.PIXEL.inapp.MESSENGER',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/482.0.0.71.108;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.PIXEL.inapp.INSTAGRAM',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Instagram 355.1.0.44.103 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; shiba; shiba; en_US; 658190016)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.PIXEL.inapp.THREADS',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Barcelona 355.0.0.39.109 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; shiba; shiba; en_US; 657318936)',
    app: 'threads',
  },
  {
    name: 'MOBILE.PIXEL.inapp.TIKTOK',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240105.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/121.0.6167.143 Mobile Safari/537.36 musical_ly_2023303040 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/33.3.4 ByteLocale/en ByteFullLocale/en Region/US AppId/1233 Spark/1.5.0.5-alpha.2 AppVersion/33.3.4 BytedanceWebview/d8a21c6',
    app: 'tiktok',
  },
  {
    name: 'MOBILE.PIXEL.not_inapp.PUFFIN',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 7.1.2; Pixel Build/N2G47E; zh-tw) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Mobile Safari/537.36 Puffin/6.0.9.15863AP',
  },
  {
    name: 'MOBILE.PIXEL.not_inapp.CHROME',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36',
  },
  {
    name: 'MOBILE.PIXEL.not_inapp.CHROME',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 12; Pixel 3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/102.0.0.0 Mobile Safari/537.36',
  },
  {
    name: 'MOBILE.SAMSUNG.inapp.TELEGRAM',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.6668.100 Mobile Safari/537.36',
    globals: ['TelegramWebview'],
    app: 'telegram',
  },
  {
    name: 'MOBILE.SAMSUNG.inapp.MESSENGER',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SM-N9208 Build/MMB29K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 {useragents: [FB_IAB/MESSENGER;FBAV/118.0.0.19.82;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.SAMSUNG.inapp.FACEBOOK',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SM-N9208 Build/MMB29K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 {useragents: [FB_IAB/FB4A;FBAV/125.0.0.16.80;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.SAMSUNG.inapp.LINE',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SM-N9208 Build/MMB29K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 Line/7.4.0/IAB',
    app: 'line',
  },
  {
    name: 'MOBILE.SAMSUNG.inapp.WECHAT',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SM-N9208 Build/MMB29K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 MicroMessenger/6.5.7.1041 NetType/WIFI Language/zh_TW',
    app: 'wechat',
  },
  {
    name: 'MOBILE.SAMSUNG.inapp.INSTAGRAM',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SM-N9208 Build/MMB29K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 Instagram 10.22.0 Android (23/6.0.1; 560dpi; 1440x2560; samsung; SM-N9208; noblelte; samsungexynos7420; zh_TW)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.SAMSUNG.not_inapp.CHROME',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SM-N9208 Build/MMB29K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.83 Mobile Safari/537.36',
  },
  {
    name: 'MOBILE.ASUS.inapp.MESSENGER',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 4.4.2; ASUS_T00F Build/KVT49L) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/30.0.0.0 Mobile Safari/537.36 {useragents: [FB_IAB/MESSENGER;FBAV/118.0.0.19.82;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.ASUS.inapp.FACEBOOK',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 4.4.2; ASUS_T00F Build/KVT49L) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/30.0.0.0 Mobile Safari/537.36{useragents: [FBAN/EMA;FBLC/zh_TW;FBAV/42.0.0.3.64;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.ASUS.not_inapp.CHROME',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 4.4.2; ASUS_T00F Build/KVT49L) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.83 Mobile Safari/537.36',
  },
  {
    name: 'MOBILE.ASUS.not_inapp.FIREFOX',
    platform: 'android',
    ua: 'Mozilla/5.0 (Android 4.4.2; Mobile; rv:53.0) Gecko/53.0 Firefox/53.0',
  },
  {
    name: 'MOBILE.REDMI.inapp.MESSENGER',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Redmi Note 3 Build/MMB29M; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 {useragents: [FB_IAB/MESSENGER;FBAV/118.0.0.19.82;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.REDMI.inapp.FACEBOOK',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Redmi Note 3 Build/MMB29M; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 {useragents: [FB_IAB/FB4A;FBAV/124.0.0.22.66;]',
    app: 'facebook',
  },
  {
    name: 'MOBILE.REDMI.inapp.LINE',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Redmi Note 3 Build/MMB29M; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 Line/7.4.0/IAB',
    app: 'line',
  },
  {
    name: 'MOBILE.REDMI.inapp.INSTAGRAM',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Redmi Note 3 Build/MMB29M; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/58.0.3029.83 Mobile Safari/537.36 Instagram 10.21.0 Android (23/6.0.1; 480dpi; 1080x1920; Xiaomi; Redmi Note 3; kate; qcom; zh_TW)',
    app: 'instagram',
  },
  {
    name: 'MOBILE.REDMI.not_inapp.MIUI',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; U; Android 6.0.1; zh-tw; Redmi Note 3 Build/MMB29M) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/53.0.2785.146 Mobile Safari/537.36 XiaoMi/MiuiBrowser/8.5.8',
  },
  {
    name: 'MOBILE.REDMI.not_inapp.CHROME',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Redmi Note 3 Build/MMB29M) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.83 Mobile Safari/537.36',
  },
  {
    name: 'TABLET.IPAD.inapp.MESSENGER',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 {useragents: [FBAN/MessengerForiOS;FBAV/117.0.0.36.70;FBBV/57539258;FBDV/iPad4,4;FBMD/iPad;FBSN/iOS;FBSV/10.3.1;FBSS/2;FBCR/;FBID/tablet;FBLC/zh_TW;FBOP/5;FBRV/0]',
    app: 'facebook',
  },
  {
    name: 'TABLET.IPAD.inapp.FACEBOOK',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 {useragents: [FBAN/FBIOS;FBAV/92.0.0.46.70;FBBV/57733420;FBDV/iPad4,4;FBMD/iPad;FBSN/iOS;FBSV/10.3.1;FBSS/2;FBCR/;FBID/tablet;FBLC/zh_TW;FBOP/5;FBRV/0]',
    app: 'facebook',
  },
  {
    name: 'TABLET.IPAD.inapp.TWITTER',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/602.3.12 (KHTML, like Gecko) Mobile/14E304 Twitter for iPhone',
    app: 'twitter',
  },
  {
    name: 'TABLET.IPAD.inapp.LINE',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 Safari Line/7.3.0',
    app: 'line',
  },
  {
    name: 'TABLET.IPAD.inapp.INSTAGRAM',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 Instagram 10.20.0 (iPad4,4; iOS 10_3_1; zh_TW; zh-TW; scale=2.00; gamut=normal; 640x960)',
    app: 'instagram',
  },
  {
    name: 'TABLET.IPAD.inapp.WECHAT',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 MicroMessenger/6.5.8 NetType/WIFI Language/zh_TW',
    app: 'wechat',
  },
  {
    name: 'TABLET.IPAD.not_inapp.CHROME',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/602.1.50 (KHTML, like Gecko) CriOS/58.0.3029.83 Mobile/14E304 Safari/602.1',
  },
  {
    name: 'TABLET.IPAD.not_inapp.SAFARI',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Version/10.0 Mobile/14E304 Safari/602.1',
  },
  {
    name: 'TABLET.IPAD.not_inapp.SAFARI',
    platform: 'ios',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    globals: ['SchemaDataExtractor'],
  },
  {
    name: 'DESKTOP.MACOS.not_inapp.SAFARI',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  },
  {
    name: 'DESKTOP.MACOS.not_inapp.SAFARI',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0.1 Safari/605.1.15',
  },
  {
    name: 'DESKTOP.MACOS.not_inapp.CHROME',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36',
  },
  {
    name: 'DESKTOP.MACOS.not_inapp.CHROME',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  },
  {
    name: 'DESKTOP.MACOS.not_inapp.FIREFOX',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:141.0) Gecko/20100101 Firefox/141.0',
  },
  {
    name: 'DESKTOP.WINDOWS.not_inapp.CHROME',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36',
  },
  {
    name: 'DESKTOP.WINDOWS.not_inapp.FIREFOX',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:53.0) Gecko/20100101 Firefox/53.0',
  },
  {
    name: 'DESKTOP.WINDOWS.not_inapp.IE11',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
  },
  {
    name: 'DESKTOP.UBUNTU.not_inapp.CHROME',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3100.0 Safari/537.36',
  },
  {
    name: 'DESKTOP.UBUNTU.not_inapp.FIREFOX',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:53.0) Gecko/20100101 Firefox/53.0',
  },
  {
    name: 'DESKTOP.UBUNTU.not_inapp.VIVALDI',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.114 Safari/537.36 Vivaldi/1.9.818.50',
  },
];

/**
 * ua-parser-js 1.0.2: package/test/browser-test.json and package/test/device-test.json of its
 * npm tarball (`npm pack ua-parser-js@1.0.2`; later tarballs ship no tests). The in-app browsers
 * it names (Facebook, Instagram, LINE, WeChat, Chrome WebView), the cases of device-test.json
 * with Facebook's or WeChat's markers, and the mobile and desktop Safari, Chrome, Firefox, Edge
 * and Samsung Internet it names. Names are file: desc as there.
 */
export const uaParserJs: readonly UserAgentCase[] = [
  {
    name: 'browser-test.json: Android Browser on Samsung S6 (SM-G925F)',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 5.0.2; SAMSUNG SM-G925F Build/LRX22G) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/3.0 Chrome/38.0.2125.102 Mobile Safari/537.36',
  },
  {
    name: 'browser-test.json: Chrome',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 6.2) AppleWebKit/536.6 (KHTML, like Gecko) Chrome/20.0.1090.0 Safari/536.6',
  },
  {
    name: 'browser-test.json: Chrome Headless',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome Safari/537.36',
  },
  {
    name: 'browser-test.json: Chrome Headless',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/60.0.3112.113 Safari/537.36',
  },
  {
    name: 'browser-test.json: Chrome WebView',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 5.1.1; Nexus 5 Build/LMY48B; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/43.0.2357.65 Mobile Safari/537.36',
    app: 'android-webview',
  },
  {
    name: 'browser-test.json: Chrome on iOS',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; U; CPU iPhone OS 5_1_1 like Mac OS X; en) AppleWebKit/534.46.0 (KHTML, like Gecko) CriOS/19.0.1084.60 Mobile/9B206 Safari/7534.48.3',
  },
  {
    name: 'browser-test.json: Chrome on Android',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; U; Android-4.0.3; en-us; Galaxy Nexus Build/IML74K) AppleWebKit/535.7 (KHTML, like Gecko) CrMo/16.0.912.75 Mobile Safari/535.7',
  },
  {
    name: 'browser-test.json: Facebook in-App Browser for Android with version',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 5.0; SM-G900P Build/LRX21T; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/43.0.2357.121 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/35.0.0.48.273;]',
    app: 'facebook',
  },
  {
    name: 'browser-test.json: Facebook in-App Browser for iOS with version',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Mobile/14E304 [FBAN/FBIOS;FBAV/91.0.0.41.73;FBBV/57050710;FBDV/iPhone8,1;FBMD/iPhone;FBSN/iOS;FBSV/10.3.1;FBSS/2;FBCR/Telekom.de;FBID/phone;FBLC/de_DE;FBOP/5;FBRV/0])',
    app: 'facebook',
  },
  {
    name: 'browser-test.json: Facebook in-App Browser for iOS without version',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone10,2;FBMD/iPhone;FBSN/iOS;FBSV/13.3.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBCR/]',
    app: 'facebook',
  },
  {
    name: 'browser-test.json: Instagram in-App Browser for iOS',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 14_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 142.0.0.22.109 (iPhone12,5; iOS 14_1; en_US; en-US; scale=3.00; 1242x2688; 214888322) NW/1',
    app: 'instagram',
  },
  {
    name: 'browser-test.json: Firefox',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 6.1; rv:15.0) Gecko/20120716 Firefox/15.0a2',
  },
  {
    name: 'browser-test.json: Firefox-based browser',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:80.0) Gecko/20100101 Firefox/80.0 AppName/1.0',
  },
  {
    name: 'browser-test.json: Firefox Focus',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 7.0) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Focus/6.1.1 Chrome/68.0.3440.91 Mobile Safari/537.36',
  },
  {
    name: 'browser-test.json: LINE on Android',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 5.0; ASUS_Z00AD Build/LRX21V; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/51.0.2704.81 Mobile Safari/537.36 Line/6.5.1/IAB',
    app: 'line',
  },
  {
    name: 'browser-test.json: LINE on iOS',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 11_2_6 like Mac OS X) AppleWebKit/604.5.6 (KHTML, like Gecko) Mobile/15D100 Safari Line/8.4.1',
    app: 'line',
  },
  {
    name: 'browser-test.json: Mobile Safari',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; U; CPU iPhone OS 4_0 like Mac OS X; en-us) AppleWebKit/532.9 (KHTML, like Gecko) Version/4.0.5 Mobile/8A293 Safari/6531.22.7',
  },
  {
    name: 'browser-test.json: Safari',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows; U; Windows NT 5.2; en-US) AppleWebKit/533.17.8 (KHTML, like Gecko) Version/5.0.1 Safari/533.17.8',
  },
  {
    name: 'browser-test.json: Samsung Browser',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SAMSUNG-SM-G925A Build/MMB29K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/44.0.2403.133 Mobile Safari/537.36',
  },
  {
    name: 'browser-test.json: WeChat on iOS',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 8_4_1 like Mac OS X) AppleWebKit/600.1.4 (KHTML, like Gecko) Mobile/12H321 MicroMessenger/6.3.6 NetType/WIFI Language/zh_CN',
    app: 'wechat',
  },
  {
    name: 'browser-test.json: WeChat on Android',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; U; Android 5.1; zh-cn; Lenovo K50-t5 Build/LMY47D) AppleWebKit/533.1 (KHTML, like Gecko)Version/4.0 MQQBrowser/5.4 TBS/025478 Mobile Safari/533.1 MicroMessenger/6.3.5.50_r1573191.640 NetType/WIFI Language/zh_CN',
    app: 'wechat',
  },
  {
    name: 'browser-test.json: Microsoft Edge 0.1',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/39.0.2171.71 Safari/537.36 Edge/12.0',
  },
  {
    name: 'browser-test.json: Microsoft Edge 42',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/64.0.3282.140 Safari/537.36 Edge/17.17134',
  },
  {
    name: 'browser-test.json: Microsoft Edge 44',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/64.0.3282.140 Safari/537.36 Edge/18.17763',
  },
  {
    name: 'browser-test.json: Microsoft Edge on iOS',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 11_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/11.0 EdgiOS/42.1.1.0 Mobile/15F79 Safari/605.1.15',
  },
  {
    name: 'browser-test.json: Microsoft Edge on Android',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 8.0.0; G8441 Build/47.1.A.12.270) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/67.0.3396.123 Mobile Safari/537.36 EdgA/42.0.0.2529',
  },
  {
    name: 'browser-test.json: Microsoft Edge Chromium',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.48 Safari/537.36 Edg/74.1.96.24',
  },
  {
    name: 'browser-test.json: Firefox iOS',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 9_1 like Mac OS X) AppleWebKit/601.1.46 (KHTML, like Gecko) FxiOS/1.1 Mobile/13B143 Safari/601.1.46',
  },
  {
    name: 'browser-test.json: Firefox iOS using iPad',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU iPhone OS 8_3 like Mac OS X) AppleWebKit/600.1.4 (KHTML, like Gecko) FxiOS/1.0 Mobile/12F69 Safari/600.1.4',
  },
  {
    name: 'browser-test.json: WeChat Desktop for Windows Built-in Browser',
    platform: 'desktop',
    ua: 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/39.0.2171.95 Safari/537.36 MicroMessenger/6.5.2.501 NetType/WIFI WindowsWechat QBCore/3.43.901.400 QQBrowser/9.0.2524.400',
    app: 'wechat',
  },
  {
    name: 'browser-test.json: WeChat Desktop for Windows Built-in Browser major version in 4',
    platform: 'desktop',
    ua: 'mozilla/5.0 (windows nt 10.0; wow64) applewebkit/537.36 (khtml, like gecko) chrome/53.0.2785.116 safari/537.36 qbcore/4.0.1301.400 qqbrowser/9.0.2524.400 mozilla/5.0 (windows nt 6.1; wow64) applewebkit/537.36 (khtml, like gecko) chrome/81.0.4044.138 safari/537.36 nettype/wifi micromessenger/7.0.20.1781(0x6700143b) windowswechat',
    app: 'wechat',
  },
  {
    name: 'device-test.json: Huawei Honor 6A',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 7.0; DLI-L22 Build/HONORDLI-L22; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/79.0.3945.116 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/252.0.0.22.355;]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: iPad Air',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 12_4_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPad4,1;FBMD/iPad;FBSN/iOS;FBSV/12.4.5;FBSS/2;FBID/tablet;FBLC/en_US;FBOP/5;FBCR/]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: iPad using Facebook Browser',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPad; CPU OS 14_4_2 like Mac OS X) WebKit/8610 (KHTML, like Gecko) Mobile/18D70 [FBAN/FBIOS;FBDV/iPad7,11;FBMD/iPad;FBSN/iOS;FBSV/14.4.2;FBSS/2;FBID/tablet;FBLC/en_US;FBOP/5]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: Lenovo Phone',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0; Lenovo PB2-650M Build/MRA58K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0.4389.105 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/311.0.0.44.117;]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: Meizu M5 Note',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 6.0; M5 Note Build/MRA58K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/53.0.2785.49 Mobile MQQBrowser/6.2 TBS/043024 Safari/537.36 MicroMessenger/6.5.7.1040 NetType/WIFI Language/zh_CN',
    app: 'wechat',
  },
  {
    name: 'device-test.json: iPhone SE',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone8,4;FBMD/iPhone;FBSN/iOS;FBSV/13.3.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/5;FBCR/]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: iPhone SE using Facebook App',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone8,4;FBMD/iPhone;FBSN/iOS;FBSV/13.3.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/5;FBCR/]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: iPhone 11 Pro Max',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone12,5;FBMD/iPhone;FBSN/iOS;FBSV/13.3.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBCR/]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: iPhone XS',
    platform: 'ios',
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone11,2;FBMD/iPhone;FBSN/iOS;FBSV/13.3.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBCR/]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: Xiaomi MI PAD 2',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 5.1; MI PAD 2 Build/LMY47I; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/60.0.3112.107 Safari/537.36 [FB_IAB/FB4A;FBAV/137.0.0.24.91;]',
    app: 'facebook',
  },
  {
    name: 'device-test.json: ZTE Nubia Red Magic 3',
    platform: 'android',
    ua: 'Mozilla/5.0 (Linux; Android 9; NX629J Build/PKQ1.190321.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/66.0.3359.126 MQQBrowser/6.2 TBS/45016 Mobile Safari/537.36 MMWEBID/4064 MicroMessenger/7.0.10.1580(0x27000A34) Process/tools NetType/WIFI Language/zh_CN ABI/arm64',
    app: 'wechat',
  },
  {
    name: 'device-test.json: FaceBook Mobile App',
    platform: 'ios',
    ua: '[FBAN/FBIOS;FBAV/283.0.0.44.117;FBBV/238386386;FBDV/iPhone12,1;FBMD/iPhone;FBSN/iOS;FBSV/13.6.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/5;FBRV/240127608]',
    app: 'facebook',
  },
];
