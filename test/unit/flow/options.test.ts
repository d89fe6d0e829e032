import { expect } from '@open-wc/testing';
import { ConnectError } from '../../../src/flow/errors.js';
import { resolveOptions, type ConnectOptions } from '../../../src/flow/options.js';

const page = 'https://partner.example/shop/page.html';

const base: ConnectOptions = {
  authorizeUrl: 'https://provider.example/oauth2/authorize/',
  clientId: 'client 1',
  redirectUri: '/callback.html',
};

const configError = (options: Partial<ConnectOptions>): ConnectError => {
  try {
    resolveOptions({ ...base, ...options }, page);
  } catch (error) {
    expect(error).to.be.instanceOf(ConnectError);
    expect((error as ConnectError).error).to.equal('invalid_config');
    return error as ConnectError;
  }
  throw new Error('expected invalid_config');
};

describe('resolveOptions', () => {
  it('applies defaults and resolves a relative redirect URI against the page', () => {
    const resolved = resolveOptions(base, page);
    expect(resolved.redirectUri).to.equal('https://partner.example/callback.html');
    expect(resolved.responseType).to.equal('code');
    expect(resolved.timeout).to.equal(300);
  });

  it('says what to fix for each missing or bad setting', () => {
    expect(configError({ clientId: '' }).message).to.contain('client-id');
    expect(configError({ authorizeUrl: '' }).message).to.contain('authorize-url');
    expect(configError({ redirectUri: '' }).message).to.contain('redirect-uri');
    expect(configError({ authorizeUrl: 'https://[bad' }).message).to.contain('not a valid URL');
    expect(configError({ authorizeUrl: 'http://provider.example/authorize' }).message).to.contain('https');
    expect(configError({ authorizeUrl: 'javascript:alert(1)' }).message).to.contain('https');
    expect(configError({ redirectUri: 'https://elsewhere.example/cb' }).message).to.contain('origin');
    expect(configError({ redirectUri: '/cb#frag' }).message).to.contain('fragment');
    expect(configError({ responseType: 'id_token' as 'code' }).message).to.contain('response-type');
    expect(configError({ timeout: -1 }).message).to.contain('timeout');
    expect(configError({ timeout: NaN }).message).to.contain('timeout');
  });

  it('names the value at fault in each message', () => {
    const description = (options: Partial<ConnectOptions>) => configError(options).errorDescription;
    expect(description({ responseType: 'Token' as 'code' })).to.equal(
      'oauth-connect: response-type "Token" is not supported; use code or token.',
    );
    expect(description({ provider: 'ultracart', authorizeUrl: undefined, responseType: 'token' })).to.equal(
      'oauth-connect: response-type "token" is not supported by UltraCart; use code.',
    );
    expect(description({ authorizeUrl: 'https://[bad' })).to.contain('"https://[bad"');
    expect(description({ authorizeUrl: 'http://provider.example/authorize' })).to.contain(
      '"http://provider.example/authorize"',
    );
    expect(description({ redirectUri: 'https://elsewhere.example/cb' })).to.contain('"https://elsewhere.example/cb"');
    expect(description({ redirectUri: '/cb#frag' })).to.contain('"https://partner.example/cb#frag"');
    expect(description({ timeout: -1 })).to.contain('"-1"');
  });

  it('knows only the presets it has: Object.prototype names are not providers', () => {
    for (const provider of ['nope', 'constructor', 'toString', '__proto__'])
      expect(configError({ provider }).message).to.contain(`unknown provider "${provider}"`);
  });

  it('accepts http for loopback providers only', () => {
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:3000'])
      expect(
        new URL(resolveOptions({ ...base, authorizeUrl: `http://${host}/authorize` }, page).authorizeUrl).host,
      ).to.equal(host);
  });
  it('decides on the parsed URL: userinfo that makes evil.example read as localhost is refused', () => {
    for (const authorizeUrl of [
      'http://localhost:x@evil.example/a',
      'http://localhost@evil.example/a',
      'http://127.0.0.1:80@evil.example/a',
      'https://user:secret@provider.example/a',
      'https://:secret@provider.example/a',
      'http://localhost.evil.example/a',
      'http://127.0.0.1.evil.example/a',
    ]) {
      const { message } = configError({ authorizeUrl });
      expect(message, authorizeUrl).to.contain('authorize-url').and.contain('https');
      if (authorizeUrl.includes('@')) expect(message, authorizeUrl).to.contain('user name or password');
    }
  });
});

describe('issuer', () => {
  it('is an https (or loopback) URL without query or fragment', () => {
    expect(resolveOptions({ ...base, issuer: 'https://issuer.example/tenant' }, page).issuer).to.equal(
      'https://issuer.example/tenant',
    );
    for (const issuer of [
      'http://issuer.example',
      'https://issuer.example/?a=1',
      'https://issuer.example/#x',
      'not a url',
    ])
      expect(configError({ issuer }).message, issuer).to.contain('issuer');
  });
});
