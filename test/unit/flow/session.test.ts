import '../../../src/define.js';
import { expect, fixture, html, oneEvent, aTimeout, waitUntil } from '@open-wc/testing';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { CHANNEL_PREFIX } from '../../../src/protocol/callback.js';
import { callbackMessage, popupHarness } from '../popup-harness.js';

describe('BroadcastChannel delivery (popup cut off by COOP)', () => {
  let harness: ReturnType<typeof popupHarness>;
  beforeEach(() => (harness = popupHarness()));
  afterEach(() => harness.restore());

  /** An element whose flow is pending, its events as they come, and the BroadcastChannel named for its state. */
  const pendingFlow = async () => {
    const el = await fixture<OAuthConnectElement>(
      html`<oauth-connect
        authorize-url=${new URL('/test/fixtures/authorize.html', location.href).href}
        client-id="c"
        redirect-uri="/test/fixtures/callback.html"
      ></oauth-connect>`,
    );
    const events: string[] = [];
    const codes: string[] = [];
    for (const type of ['connect-success', 'connect-error', 'connect-cancel'])
      el.addEventListener(type, (event) => {
        events.push(type);
        if (type == 'connect-success') codes.push((event as CustomEvent<{ code: string }>).detail.code);
      });
    const start = oneEvent(el, 'connect-start');
    el.connect().catch(() => {});
    const { state } = (await start).detail;
    const channel = new BroadcastChannel(CHANNEL_PREFIX + state);
    const broadcast = (code: string, withState = state) =>
      channel.postMessage(
        callbackMessage([
          ['code', code],
          ['state', withState],
        ]),
      );
    return { el, state, events, codes, channel, broadcast };
  };
  /** Closes the popup (as a Cross-Origin-Opener-Policy cuts the handle off) and waits until its handle says so. */
  const cutOff = async () => {
    harness.popup.close();
    await waitUntil(() => harness.popup.closed, 'the popup handle reads closed');
  };

  it("ignores the channel while the popup handle is live: the popup's own message wins", async () => {
    const { el, events, codes, channel, broadcast, state } = await pendingFlow();
    // Any tab of this origin that learnt the state, while the popup is open and reachable.
    broadcast('injected');
    await aTimeout(100);
    expect(events).to.deep.equal([]);
    const success = oneEvent(el, 'connect-success');
    harness.postFromPopup(harness.popup, [
      ['code', 'real'],
      ['state', state],
    ]);
    await success;
    // Past the closed-popup checks that follow: the injected message is never taken instead.
    await aTimeout(700);
    expect(codes).to.deep.equal(['real']);
    channel.close();
  });

  it('accepts a result on the channel once the handle reads closed: once, with its state, on its own channel', async () => {
    const { el, events, codes, channel, broadcast, state } = await pendingFlow();
    await cutOff();
    broadcast('forged', 'other');
    const other = new BroadcastChannel(CHANNEL_PREFIX + 'other');
    other.postMessage(
      callbackMessage([
        ['code', 'forged'],
        ['state', state],
      ]),
    );
    const success = oneEvent(el, 'connect-success');
    broadcast('real');
    await success;
    broadcast('again');
    await aTimeout(100);
    expect(events).to.deep.equal(['connect-success']);
    expect(codes).to.deep.equal(['real']);
    channel.close();
    other.close();
  });

  it('a result broadcast just before the handle reads closed is taken once it does (the callback page loading behind COOP)', async () => {
    const { el, codes, channel, broadcast } = await pendingFlow();
    broadcast('early');
    await aTimeout(50);
    expect(codes).to.deep.equal([]);
    const success = oneEvent(el, 'connect-success');
    await cutOff();
    // Offered again at the next closed-popup check (every 250 ms), through the same checks.
    expect((await success).detail.code).to.equal('early');
    channel.close();
  });

  it('an early broadcast still has to pass every check: another state is never taken', async () => {
    const { events, channel, broadcast } = await pendingFlow();
    broadcast('forged', 'other');
    await cutOff();
    await aTimeout(400);
    expect(events).to.deep.equal([]);
    channel.close();
  });
});
