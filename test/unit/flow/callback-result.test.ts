import { expect } from '@open-wc/testing';
import { readCallbackParams } from '../../../src/callback/handle-callback.js';
import { parseCallback, type ExpectedCallback } from '../../../src/flow/callback-result.js';
import { ConnectError } from '../../../src/flow/errors.js';

const codeFlow: ExpectedCallback = {
  responseType: 'code',
  state: 'S',
  redirectUri: 'https://partner.example/cb',
  codeVerifier: 'V',
};

const tokenFlow: ExpectedCallback = { ...codeFlow, responseType: 'token', codeVerifier: undefined };

const parseUrl = (url: string, expected = codeFlow) => parseCallback(readCallbackParams(url), expected);

const errorOf = (url: string, expected = codeFlow): ConnectError => {
  try {
    parseUrl(url, expected);
  } catch (error) {
    expect(error).to.be.instanceOf(ConnectError);
    return error as ConnectError;
  }
  throw new Error(`expected ${url} to fail`);
};

describe('parseCallback', () => {
  it('returns a code result with the redirect URI and the PKCE verifier', () => {
    expect(parseUrl('https://partner.example/cb?code=C1&state=S')).to.deep.equal({
      responseType: 'code',
      code: 'C1',
      state: 'S',
      redirectUri: 'https://partner.example/cb',
      codeVerifier: 'V',
    });
  });

  it('leaves codeVerifier out without PKCE', () => {
    const result = parseUrl('https://partner.example/cb?code=C1&state=S', { ...codeFlow, codeVerifier: undefined });
    expect(result).to.not.have.property('codeVerifier');
  });

  it('returns a token result from the fragment, with expiresAt', () => {
    const before = Date.now();
    const result = parseUrl(
      'https://partner.example/cb#access_token=T1&token_type=Bearer&expires_in=3600&scope=a%20b&refresh_token=R&state=S',
      tokenFlow,
    );
    expect(result).to.deep.include({
      responseType: 'token',
      accessToken: 'T1',
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: 'a b',
      refreshToken: 'R',
      state: 'S',
    });
    if (result.responseType != 'token') throw new Error('token expected');
    expect(result.expiresAt).to.be.within(before + 3600_000, Date.now() + 3600_000);
  });

  it('omits expiry fields when expires_in is absent and defaults token_type to bearer', () => {
    const result = parseUrl('https://partner.example/cb#access_token=T1&state=S', tokenFlow);
    expect(result).to.deep.equal({ responseType: 'token', accessToken: 'T1', tokenType: 'bearer', state: 'S' });
  });

  it('turns a provider error into a ConnectError with its description and URI', () => {
    const error = errorOf(
      'https://partner.example/cb?error=access_denied&error_description=No%20thanks&error_uri=https%3A%2F%2Fp.example%2Fe&state=S',
    );
    expect([error.error, error.errorDescription, error.errorUri]).to.deep.equal([
      'access_denied',
      'No thanks',
      'https://p.example/e',
    ]);
  });

  it('keeps error_uri only when it is https, or http on loopback', () => {
    const uriOf = (uri: string) =>
      errorOf(`https://partner.example/cb?error=access_denied&error_uri=${encodeURIComponent(uri)}&state=S`).errorUri;
    for (const uri of ['https://p.example/e?x=1#y', 'http://localhost:3000/e', 'http://127.0.0.1/e', 'http://[::1]/e'])
      expect(uriOf(uri), uri).to.equal(uri);
    for (const uri of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      'http://p.example/e',
      'http://localhost.evil.example/e',
      'http://localhost:x@evil.example/e',
      '//p.example/e',
      '/errors',
    ])
      expect(uriOf(uri), uri).to.equal(undefined);
  });

  it('reads an error from the fragment of a token flow', () => {
    expect(errorOf('https://partner.example/cb#error=invalid_scope&state=S', tokenFlow).error).to.equal(
      'invalid_scope',
    );
  });

  describe('issuer (RFC 9207)', () => {
    const issuer = 'https://issuer.example';
    const withIssuer: ExpectedCallback = { ...codeFlow, issuer, provider: 'acme' };
    it('accepts the issuer’s own iss and says which issuer and provider answered', () => {
      expect(parseUrl(`https://partner.example/cb?code=C&state=S&iss=${issuer}`, withIssuer)).to.deep.equal({
        responseType: 'code',
        code: 'C',
        state: 'S',
        redirectUri: codeFlow.redirectUri,
        codeVerifier: 'V',
        issuer,
        provider: 'acme',
      });
    });
    it('refuses an answer from another issuer, results and errors alike', () => {
      for (const query of ['code=C', 'error=access_denied']) {
        const error = errorOf(`https://partner.example/cb?${query}&state=S&iss=https://other.example`, withIssuer);
        expect(error.error).to.equal('invalid_response');
        expect(error.errorDescription).to.contain('another issuer').and.contain('https://other.example');
      }
      // Exactly: not a prefix, not another form of the same URL.
      expect(errorOf(`https://partner.example/cb?code=C&state=S&iss=${issuer}/`, withIssuer).error).to.equal(
        'invalid_response',
      );
    });
    it('refuses a missing iss only when it is required', () => {
      expect(parseUrl('https://partner.example/cb?code=C&state=S', withIssuer)).to.include({ issuer });
      const error = errorOf('https://partner.example/cb?code=C&state=S', { ...withIssuer, requireIss: true });
      expect(error.error).to.equal('invalid_response');
      expect(error.errorDescription).to.contain('no iss');
    });
    it('passes the received iss on when the flow does not know its issuer', () => {
      expect(parseUrl('https://partner.example/cb?code=C&state=S&iss=https://any.example')).to.include({
        issuer: 'https://any.example',
      });
      expect(parseUrl('https://partner.example/cb?code=C&state=S')).to.not.have.property('issuer');
    });
    it('carries the nonce of an OpenID Connect code flow', () => {
      expect(parseUrl('https://partner.example/cb?code=C&state=S', { ...codeFlow, nonce: 'N' })).to.include({
        nonce: 'N',
      });
    });
  });

  const malformed: Record<string, [string, ExpectedCallback?]> = {
    'no state': ['https://partner.example/cb?code=C1'],
    'another state': ['https://partner.example/cb?code=C1&state=X'],
    'an empty state': ['https://partner.example/cb?code=C1&state='],
    'a duplicated state': ['https://partner.example/cb?code=C1&state=S&state=S'],
    'a duplicated code': ['https://partner.example/cb?code=C1&code=C2&state=S'],
    'a state in both query and fragment': ['https://partner.example/cb?code=C1&state=S#state=S'],
    'both code and error': ['https://partner.example/cb?code=C1&error=access_denied&state=S'],
    'a token where a code was expected': ['https://partner.example/cb#access_token=T&state=S'],
    'a code where a token was expected': ['https://partner.example/cb?code=C&state=S', tokenFlow],
    'both code and token in a token flow': ['https://partner.example/cb?code=C#access_token=T&state=S', tokenFlow],
    'nothing at all': ['https://partner.example/cb?state=S'],
    'a non-numeric expires_in': ['https://partner.example/cb#access_token=T&expires_in=soon&state=S', tokenFlow],
    'a negative expires_in': ['https://partner.example/cb#access_token=T&expires_in=-5&state=S', tokenFlow],
  };
  for (const [name, [url, expected]] of Object.entries(malformed))
    it(`rejects ${name} as invalid_response`, () => {
      expect(errorOf(url, expected).error).to.equal('invalid_response');
    });
});
