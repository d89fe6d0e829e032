import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/define.js';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { ConnectCancelled } from '../../../src/flow/errors.js';
import { popupHarness } from '../popup-harness.js';

/**
 * The server-bound flow keeps the event flow's promises: a timeout, `callback_failed` when the
 * callback page sends nothing, an abort when the page goes away or the element leaves it. The
 * auth handler is the test server's stand-in at /test-auth/<variant> (web-test-runner.config.js).
 */
describe('server-bound flow: the promises of every popup mode', () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  const make = (variant: string, timeout = 300) =>
    fixture<OAuthConnectElement>(
      html`<oauth-connect server="/test-auth/${variant}" provider="mock" timeout=${timeout}></oauth-connect>`,
    );

  it('cancels with timeout and closes the popup', async () => {
    const el = await make('wait', 1);
    const cancel = oneEvent(el, 'connect-cancel');
    const result = el.connect();
    expect((await cancel).detail).to.deep.equal({ reason: 'timeout' });
    expect(((await result.catch((e: unknown) => e)) as ConnectCancelled).reason).to.equal('timeout');
    expect(harness.popup.closed).to.equal(true);
    expect(el.status).to.equal('idle');
  });

  it('ends in callback_failed when the callback page loads and sends nothing, and says why', async () => {
    const el = await make('silent');
    const logged: string[] = [];
    const error = console.error;
    console.error = (message: string) => logged.push(message);
    try {
      const failed = oneEvent(el, 'connect-error');
      el.connect().catch(() => {});
      expect((await failed).detail.error).to.equal('callback_failed');
    } finally {
      console.error = error;
    }
    expect(logged.join()).to.contain('/test/fixtures/no-callback.html sent nothing: does it load callback.js?');
    expect(harness.popup.closed).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.equal(
      'Sign-in is not available on this page.',
    );
  }).timeout(8000);

  it('reads "Waiting for sign-in…" while pending: its provider has no name here', async () => {
    const el = await make('wait');
    const started = oneEvent(el, 'connect-start');
    el.connect().catch(() => {});
    await started;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.equal('Waiting for sign-in…');
    el.abort();
  });

  it('aborts on pagehide: the popup closes', async () => {
    const el = await make('wait');
    const started = oneEvent(el, 'connect-start');
    el.connect().catch(() => {});
    await started;
    const cancel = oneEvent(el, 'connect-cancel');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect((await cancel).detail).to.deep.equal({ reason: 'aborted' });
    expect(harness.popup.closed).to.equal(true);
  });

  it('aborts on removal: the popup closes', async () => {
    const el = await make('wait');
    const started = oneEvent(el, 'connect-start');
    el.connect().catch(() => {});
    await started;
    const cancel = oneEvent(el, 'connect-cancel');
    el.remove();
    expect((await cancel).detail).to.deep.equal({ reason: 'aborted' });
    expect(harness.popup.closed).to.equal(true);
  });

  it('signs in through its handler: connected, with the account', async () => {
    const el = await make('allow');
    const success = oneEvent(el, 'connect-success');
    el.connect().catch(() => {});
    expect((await success).detail).to.include({ responseType: 'session', provider: 'mock' });
    expect(el.status).to.equal('connected');
  });
});

describe('server-bound: the account the server still holds', () => {
  // The test server's request log is shared by every browser of the run: each run asks under its own name.
  const run = Math.random().toString(36).slice(2);
  const requests = async () =>
    (await (await fetch('/test-auth/requests')).json()) as { variant: string; route: string; body: unknown }[];

  it('shows it, with connect-restore { account, provider }', async () => {
    const el = document.createElement('oauth-connect');
    Object.assign(el, { server: '/test-auth/signed-in', provider: 'mock' });
    const restored = oneEvent(el, 'connect-restore');
    document.body.append(el);
    try {
      expect((await restored).detail).to.deep.equal({ account: { name: 'Ada' }, provider: 'mock' });
      expect(el.status).to.equal('connected');
    } finally {
      el.remove();
    }
  });

  // A 404 is a handler mounted elsewhere: the console says where it was looked for.
  for (const [variant, logs] of [
    ['missing', true],
    ['broken', false],
  ] as const)
    it(`a failed GET /session (${variant}): one connect-error server_error per element, each idle and usable`, async () => {
      const logged: string[] = [];
      const error = console.error;
      console.error = (message: string) => logged.push(message);
      const errors: string[] = [];
      const record = (event: Event) => errors.push((event as CustomEvent).detail.error);
      document.addEventListener('connect-error', record);
      const els = [0, 1].map(() =>
        Object.assign(document.createElement('oauth-connect'), { server: `/test-auth/${variant}-${run}` }),
      );
      try {
        const failed = els.map((el) => oneEvent(el, 'connect-error'));
        document.body.append(...els);
        await Promise.all(failed);
        // Moved within the page: nothing is asked or reported again.
        document.body.append(els[0]!);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(errors).to.deep.equal(['server_error', 'server_error']);
        expect(
          (await requests()).filter((r) => r.variant == `${variant}-${run}` && r.route == 'session'),
        ).to.have.length(1);
        for (const el of els) {
          expect(el.status).to.equal('idle');
          expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.equal('Sign-in failed. Try again.');
          expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.disabled).to.equal(false);
        }
        expect(logged).to.deep.equal(
          logs
            ? [
                `oauth-connect: /test-auth/${variant}-${run}/session answered 404: is the handler mounted at /test-auth/${variant}-${run}?`,
              ]
            : [],
        );
      } finally {
        console.error = error;
        document.removeEventListener('connect-error', record);
        for (const el of els) el.remove();
      }
    });

  it("sends the page's language in start as uiLocales", async () => {
    const el = await fixture<OAuthConnectElement>(
      html`<div lang="fr-CA"><oauth-connect server="/test-auth/lang-${run}" provider="mock"></oauth-connect></div>`,
    ).then((div) => div.querySelector('oauth-connect')!);
    const harness = popupHarness();
    try {
      const started = oneEvent(el, 'connect-start');
      el.connect().catch(() => {});
      await started;
      el.abort();
    } finally {
      harness.restore();
    }
    const start = (await requests()).filter((r) => r.variant == `lang-${run}` && r.route == 'start');
    expect(start.map((r) => r.body)).to.deep.equal([{ provider: 'mock', uiLocales: 'fr-CA' }]);
  });
});
