import { expect } from '@open-wc/testing';
import { buildAuthorizeUrl } from '../../../src/flow/authorize-url.js';
import { resolveOptions, type ConnectOptions } from '../../../src/flow/options.js';

const page = 'https://partner.example/shop/page.html';

const base: ConnectOptions = {
  authorizeUrl: 'https://provider.example/oauth2/authorize/',
  clientId: 'client 1',
  redirectUri: '/callback.html',
};

describe('buildAuthorizeUrl', () => {
  const build = (options: Partial<ConnectOptions>, codeChallenge?: string) =>
    new URL(buildAuthorizeUrl(resolveOptions({ ...base, ...options }, page), 'st&te=', codeChallenge));

  it('sets every parameter, encoded', () => {
    const url = build({ scope: ' read write ' }, 'chal');
    expect(url.origin + url.pathname).to.equal('https://provider.example/oauth2/authorize/');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      client_id: 'client 1',
      redirect_uri: 'https://partner.example/callback.html',
      response_type: 'code',
      state: 'st&te=',
      scope: 'read write',
      code_challenge: 'chal',
      code_challenge_method: 'S256',
    });
    expect(url.search).to.contain('client_id=client+1');
    expect(url.search).to.contain('state=st%26te%3D');
  });

  it('keeps query parameters already in the endpoint and adds extra params', () => {
    const url = build({ authorizeUrl: 'https://provider.example/authorize?tenant=a&x=1', params: { prompt: 'login' } });
    expect(url.searchParams.get('tenant')).to.equal('a');
    expect(url.searchParams.get('x')).to.equal('1');
    expect(url.searchParams.get('prompt')).to.equal('login');
  });

  it('never lets extra params override the protocol parameters', () => {
    const url = build({ params: { state: 'evil', client_id: 'evil', redirect_uri: 'https://evil.example' } });
    expect(url.searchParams.getAll('state')).to.deep.equal(['st&te=']);
    expect(url.searchParams.getAll('client_id')).to.deep.equal(['client 1']);
    expect(url.searchParams.getAll('redirect_uri')).to.deep.equal(['https://partner.example/callback.html']);
  });

  it('leaves out scope and PKCE when there are none', () => {
    const url = build({ responseType: 'token' });
    expect(url.searchParams.get('response_type')).to.equal('token');
    expect(url.searchParams.has('scope')).to.equal(false);
    expect(url.searchParams.has('code_challenge')).to.equal(false);
    expect(url.searchParams.has('code_challenge_method')).to.equal(false);
  });

  it('sends the user’s language as ui_locales, unless params name one', () => {
    expect(build({ uiLocales: 'fr-CA fr' }).searchParams.getAll('ui_locales')).to.deep.equal(['fr-CA fr']);
    expect(build({ uiLocales: 'fr', params: { ui_locales: 'de' } }).searchParams.getAll('ui_locales')).to.deep.equal([
      'de',
    ]);
    expect(build({}).searchParams.has('ui_locales')).to.equal(false);
  });

  it('sends the nonce it is given', () => {
    expect(
      new URL(buildAuthorizeUrl(resolveOptions(base, page), 'S', undefined, 'N')).searchParams.get('nonce'),
    ).to.equal('N');
  });
});
