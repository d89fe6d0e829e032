import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { popupHarness } from '../popup-harness.js';

/**
 * `issuer` without `authorize-url`: the element finds the authorization endpoint in the issuer's
 * metadata, served by the test server (web-test-runner.config.js, `issuerMetadata`).
 */
const issuerUrl = (name: string) => `${location.origin}/issuers/${name}`;
const authorizeUrl = new URL('/test/fixtures/authorize.html', location.href).href;

/** An element that knows only its issuer; `iss` is what the test provider puts in its answer. */
const make = (name: string, params: Record<string, string> = { 'test-respond': 'code', 'test-iss': issuerUrl(name) }) =>
  fixture<OAuthConnectElement>(
    html`<oauth-connect
      issuer=${issuerUrl(name)}
      client-id="c"
      redirect-uri="/test/fixtures/callback.html"
      .params=${params}
    ></oauth-connect>`,
  );

const fetches = async () =>
  ((await (await fetch('/issuers/fetches')).json()) as { metadataFetches: number }).metadataFetches;

describe('discovery by issuer', () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  it('finds the endpoint at OpenID Connect’s address, once per page, and checks iss', async () => {
    const before = await fetches();
    const el = await make('oidc');
    await make('oidc'); // a second element for the same issuer fetches nothing more
    await waitUntil(async () => (await fetches()) == before + 1, 'the metadata is fetched');
    await aTimeout(200);
    expect(await fetches()).to.equal(before + 1);
    const start = oneEvent(el, 'connect-start');
    const success = oneEvent(el, 'connect-success');
    el.shadowRoot!.querySelector('button')!.click();
    expect((await start).detail.url.startsWith(authorizeUrl + '?')).to.equal(true);
    expect((await success).detail).to.include({ code: 'test-code', issuer: issuerUrl('oidc') });
  });

  it('falls back to RFC 8414’s address', async () => {
    const el = await make('rfc8414');
    const success = oneEvent(el, 'connect-success');
    await aTimeout(300);
    el.shadowRoot!.querySelector('button')!.click();
    expect((await success).detail).to.include({ issuer: issuerUrl('rfc8414') });
  });

  it('refuses an answer without iss when the metadata says the issuer always sends it', async () => {
    const el = await make('oidc', { 'test-respond': 'code' });
    const error = oneEvent(el, 'connect-error');
    el.shadowRoot!.querySelector('button')!.click();
    const { detail } = await error;
    expect(detail.error).to.equal('invalid_response');
    expect(detail.errorDescription).to.contain('no iss');
  });

  it('a click before the metadata arrived opens the popup at once, and sends it on when it arrives', async () => {
    const el = await make('slow');
    const success = oneEvent(el, 'connect-success');
    el.shadowRoot!.querySelector('button')!.click();
    // In the click's own task, so no popup blocker refuses it.
    expect(harness.calls.map((call) => call.url)).to.deep.equal(['about:blank']);
    expect((await success).detail).to.include({ issuer: issuerUrl('slow') });
  });

  for (const [name, why] of [
    ['liar', 'names issuer https://issuer.example'],
    ['plain-http', "the issuer's authorization_endpoint must use https"],
    ['missing', 'was not found'],
  ] as const)
    it(`ends in invalid_config, popup closed: ${why}`, async () => {
      const el = await make(name);
      const error = oneEvent(el, 'connect-error');
      el.shadowRoot!.querySelector('button')!.click(); // possibly before the metadata arrived
      const { detail } = await error;
      expect(detail.error).to.equal('invalid_config');
      expect(detail.errorDescription).to.contain(why);
      for (const call of harness.calls) await waitUntil(() => call.popup?.closed, 'the popup is closed');
    });
});
