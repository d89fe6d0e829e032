import '../../../src/define.js';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';
import { ConnectCancelled } from '../../../src/flow/errors.js';
import { popupHarness } from '../popup-harness.js';
import { authorizeUrl, button, firstPkcePairReady, make, recordEvents, shadow, text } from './helpers.js';

// The helpers of the tests in this block (a name may mean something else in another block).
{
  /**
   * Counts window/document listeners (removed by call or by their AbortSignal)
   * and timers (cleared or fired) created while it is installed.
   */
  function trackListenersAndTimers() {
    const listeners = new Set<object>();
    const timers = new Set<number>();
    const realAdd = EventTarget.prototype.addEventListener;
    const realRemove = EventTarget.prototype.removeEventListener;
    const {
      setInterval: realSetInterval,
      setTimeout: realSetTimeout,
      clearInterval: realClearInterval,
      clearTimeout: realClearTimeout,
    } = window;
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      if (this === window || this === document) {
        const key = { target: this, type, listener };
        listeners.add(key);
        const signal = typeof options == 'object' ? options.signal : undefined;
        signal?.addEventListener('abort', () => listeners.delete(key));
      }
      return realAdd.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (type, listener, options) {
      for (const key of listeners) {
        const k = key as { target: unknown; type: string; listener: unknown };
        if (k.target === this && k.type === type && k.listener === listener) listeners.delete(key);
      }
      return realRemove.call(this, type, listener, options);
    };
    window.setInterval = ((handler: () => void, ms?: number) => {
      const id = realSetInterval(handler, ms);
      timers.add(id);
      return id;
    }) as typeof setInterval;
    window.setTimeout = ((handler: () => void, ms?: number) => {
      const id = realSetTimeout(() => {
        timers.delete(id);
        handler();
      }, ms);
      timers.add(id);
      return id;
    }) as typeof setTimeout;
    window.clearInterval = ((id?: number) => {
      timers.delete(id!);
      realClearInterval(id);
    }) as typeof clearInterval;
    window.clearTimeout = ((id?: number) => {
      timers.delete(id!);
      realClearTimeout(id);
    }) as typeof clearTimeout;
    return {
      count: () => listeners.size + timers.size,
      describe: () => [
        ...[...listeners].map((key) => `listener ${(key as { type: string }).type}`),
        ...[...timers].map((id) => `timer ${id}`),
      ],
      restore() {
        Object.assign(EventTarget.prototype, { addEventListener: realAdd, removeEventListener: realRemove });
        Object.assign(window, {
          setInterval: realSetInterval,
          setTimeout: realSetTimeout,
          clearInterval: realClearInterval,
          clearTimeout: realClearTimeout,
        });
      },
    };
  }

  describe('<oauth-connect>', () => {
    before(firstPkcePairReady);
    let harness: ReturnType<typeof popupHarness>;
    beforeEach(() => (harness = popupHarness()));
    afterEach(() => harness.restore());

    describe('pending flow', () => {
      it('focuses the open popup on a second click instead of starting another flow', async () => {
        const el = await make();
        const starts = recordEvents(el);
        const first = el.connect();
        button(el).click();
        expect(el.connect()).to.equal(first);
        expect(harness.calls).to.have.length(1);
        expect(el.status).to.equal('pending');
        expect(button(el).getAttribute('aria-busy')).to.equal(null); // rendered asynchronously
        await el.updateComplete;
        expect(button(el).getAttribute('aria-busy')).to.equal('true');
        el.abort();
        await first.catch(() => {});
        expect(starts.filter((e) => e.type == 'connect-start')).to.have.length(1);
      });

      it('cancels with closed within a second of the user closing the popup', async () => {
        const el = await make();
        button(el).click();
        await waitUntil(() => harness.calls.length == 1);
        const cancel = oneEvent(el, 'connect-cancel');
        await aTimeout(50);
        const closedAt = performance.now();
        harness.popup.close();
        expect((await cancel).detail).to.deep.equal({ reason: 'closed' });
        expect(performance.now() - closedAt).to.be.below(1000);
        expect(el.status).to.equal('idle');
      });

      it('cancels with timeout and closes the popup', async () => {
        const el = await make(undefined, { timeout: 1 });
        const result = el.connect();
        const cancel = oneEvent(el, 'connect-cancel');
        expect((await cancel).detail).to.deep.equal({ reason: 'timeout' });
        const rejection = await result.catch((e: unknown) => e);
        expect(rejection).to.be.instanceOf(ConnectCancelled);
        expect((rejection as ConnectCancelled).reason).to.equal('timeout');
        expect(harness.popup.closed).to.equal(true);
      });

      it('waits forever with timeout 0', async () => {
        const el = await make(undefined, { timeout: 0 });
        el.connect().catch(() => {});
        await aTimeout(1200);
        expect(el.status).to.equal('pending');
        el.abort();
      });

      it('aborts on removal: cancel aborted, popup closed, no listener or timer left', async () => {
        const el = await make();
        const live = trackListenersAndTimers();
        try {
          const cancel = oneEvent(el, 'connect-cancel');
          el.connect().catch(() => {});
          expect(live.count()).to.be.greaterThan(0);
          el.remove();
          expect((await cancel).detail).to.deep.equal({ reason: 'aborted' });
          expect(harness.popup.closed).to.equal(true);
          expect(live.describe()).to.deep.equal([]);
        } finally {
          live.restore();
        }
      });

      it('starts a new flow right after abort()', async () => {
        const el = await make();
        const events = recordEvents(el);
        const first = el.connect();
        el.abort();
        const second = el.connect();
        expect(second).to.not.equal(first);
        expect(harness.calls).to.have.length(2);
        await first.catch(() => {});
        await el.updateComplete;
        expect(el.status).to.equal('pending');
        await waitUntil(() => events.length == 3, 'the second flow starts');
        // The second flow finds no PKCE pair ready, so its start may come after the first one's cancel.
        expect(events.map((e) => e.type).sort()).to.deep.equal(['connect-cancel', 'connect-start', 'connect-start']);
        el.abort();
      });

      it('starts a new flow after the previous one ended', async () => {
        const el = await make('code');
        await el.connect();
        await el.connect();
        expect(harness.calls).to.have.length(2);
        expect(harness.calls[0]!.url).to.not.equal(harness.calls[1]!.url);
      });
    });
  });
}

// The helpers of the tests in this block (a name may mean something else in another block).
{
  describe('<oauth-connect> states', () => {
    let harness: ReturnType<typeof popupHarness>;
    beforeEach(() => (harness = popupHarness()));
    afterEach(() => harness.restore());

    const make = (respond?: string) =>
      fixture<OAuthConnectElement>(
        html`<oauth-connect
          provider="ulule"
          authorize-url=${authorizeUrl}
          client-id="c"
          redirect-uri="/test/fixtures/callback.html"
          .params=${respond ? { 'test-respond': respond } : {}}
        ></oauth-connect>`,
      );

    it('idle → pending: busy, spinner, "Waiting for Ulule…", a cancel button, :state(pending)', async () => {
      const el = await make();
      expect(el.matches(':state(idle)')).to.equal(true);
      expect(text(el, 'status')).to.equal('');
      shadow(el, '[part=button]').click();
      await el.updateComplete;
      expect(el.status).to.equal('pending');
      expect(el.getAttribute('status')).to.equal('pending');
      expect(el.matches(':state(pending)')).to.equal(true);
      expect(shadow(el, '[part=button]').getAttribute('aria-busy')).to.equal('true');
      expect(shadow(el, '.spin')).to.exist;
      expect(shadow(el, '[part=status]').getAttribute('role')).to.equal('status');
      expect(text(el, 'status')).to.equal('Waiting for Ulule…');
      await expect(el).to.be.accessible();

      const cancel = oneEvent(el, 'connect-cancel');
      shadow(el, '[part=cancel]').click();
      expect((await cancel).detail.reason).to.equal('aborted');
      await el.updateComplete;
      expect(el.matches(':state(idle)')).to.equal(true);
      expect(shadow(el, '[part=cancel]')).to.equal(null);
      expect(harness.popup.closed).to.equal(true);
    });

    it('success and error show a short status, and the button stays to retry', async () => {
      const ok = await make('code');
      ok.connect();
      await oneEvent(ok, 'connect-success');
      await ok.updateComplete;
      expect([ok.status, text(ok, 'status'), ok.matches(':state(success)')]).to.deep.equal([
        'success',
        'Connected',
        true,
      ]);

      const failed = await make('code-and-error');
      failed.connect().catch(() => {});
      await oneEvent(failed, 'connect-error');
      await failed.updateComplete;
      expect([failed.status, text(failed, 'status'), failed.matches(':state(error)')]).to.deep.equal([
        'error',
        'Sign-in failed. Try again.',
        true,
      ]);
      expect(shadow(failed, '[part=button]').hasAttribute('disabled')).to.equal(false);
    });

    it('no-status hides the status text from sight but not from screen readers', async () => {
      const el = await make();
      el.noStatus = true;
      el.connect().catch(() => {});
      await el.updateComplete;
      const status = shadow(el, '[part=status]');
      expect(status.textContent).to.contain('Waiting');
      expect(status.getBoundingClientRect().width).to.be.at.most(1);
      el.abort();
    });

    it('announces each status once: an unrelated update leaves the live region untouched', async () => {
      const el = await make();
      el.connect().catch(() => {});
      await el.updateComplete;
      const status = shadow(el, '[part=status]');
      const announced = status.firstChild;
      const changes: MutationRecord[] = [];
      const observer = new MutationObserver((records) => changes.push(...records));
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      el.popupWidth = 600; // a property that does not change the status text
      await el.updateComplete;
      observer.disconnect();
      expect(status.firstChild).to.equal(announced);
      expect(changes).to.have.length(0);
      el.abort();
    });

    it('gives focus back to the button when the popup closes', async () => {
      const el = await make('code');
      const button = shadow(el, '[part=button]');
      button.focus();
      const done = oneEvent(el, 'connect-success');
      button.click();
      await done;
      await waitUntil(() => el.shadowRoot!.activeElement === button, 'focus returns to the button');
    });

    it('offers a target of at least 44×44 CSS pixels at the default size', async () => {
      const el = await fixture<OAuthConnectElement>(html`<oauth-connect label="Go"></oauth-connect>`);
      const { width, height } = shadow(el, '[part=button]').getBoundingClientRect();
      expect(width).to.be.at.least(44);
      expect(height).to.be.at.least(44);
    });
  });

  describe('<oauth-connect> cancelled by a pending-state click elsewhere', () => {
    it('ignores clicks while disabled', async () => {
      const harness = popupHarness();
      try {
        const el = await fixture<OAuthConnectElement>(html`<oauth-connect disabled label="Go"></oauth-connect>`);
        shadow(el, '[part=button]').click();
        await aTimeout(50);
        expect(harness.calls).to.have.length(0);
        expect(el.status).to.equal('idle');
      } finally {
        harness.restore();
      }
    });
  });
}

// The helpers of the tests in this block (a name may mean something else in another block).
{
  /**
   * What the button tells the developer (the console) and the user (status text,
   * focus, accessible name, language), in each engine.
   */
  describe('<oauth-connect> status text, focus and reset', () => {
    let harness: ReturnType<typeof popupHarness>;
    beforeEach(() => (harness = popupHarness()));
    afterEach(() => harness.restore());

    const make = (respond?: string) =>
      fixture<OAuthConnectElement>(
        html`<oauth-connect
          provider="ulule"
          authorize-url=${authorizeUrl}
          client-id="c"
          redirect-uri="/test/fixtures/callback.html"
          .params=${respond ? { 'test-respond': respond } : {}}
        ></oauth-connect>`,
      );

    it('the Cancel button gives focus back to the sign-in button', async () => {
      const el = await make();
      const button = shadow(el, '[part=button]');
      button.click();
      await el.updateComplete;
      const cancel = shadow(el, '[part=cancel]');
      cancel.focus();
      expect(el.shadowRoot!.activeElement).to.equal(cancel);
      cancel.click();
      await el.updateComplete;
      await aTimeout(0);
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(document.activeElement).to.equal(el);
    });

    const cancelled: Record<string, string> = {
      en: 'Sign-in cancelled.',
      fr: 'Connexion annulée.',
      es: 'Inicio de sesión cancelado.',
      de: 'Anmeldung abgebrochen.',
    };
    for (const [lang, expected] of Object.entries(cancelled))
      it(`access_denied (${lang}): a neutral "${expected}", status idle, the event still connect-error`, async () => {
        const el = await make('denied');
        el.lang = lang;
        await el.updateComplete;
        const error = oneEvent(el, 'connect-error');
        el.connect().catch(() => {});
        expect((await error).detail.error).to.equal('access_denied');
        await el.updateComplete;
        expect([el.status, el.matches(':state(idle)'), text(el, 'status')]).to.deep.equal(['idle', true, expected]);
      });

    it('reset(): back to idle with no status text, after success or error', async () => {
      const el = await make('code');
      el.connect();
      await oneEvent(el, 'connect-success');
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('Connected');
      el.reset();
      await el.updateComplete;
      expect([el.status, el.getAttribute('status'), el.matches(':state(idle)'), text(el, 'status')]).to.deep.equal([
        'idle',
        'idle',
        true,
        '',
      ]);
      // After a denial too (already idle, but with a text).
      el.params = { 'test-respond': 'denied' };
      el.connect().catch(() => {});
      await oneEvent(el, 'connect-error');
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('Sign-in cancelled.');
      el.reset();
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('');
    });

    it('reset() while pending ends the flow and closes the popup', async () => {
      const el = await make();
      el.connect().catch(() => {});
      await el.updateComplete;
      const cancel = oneEvent(el, 'connect-cancel');
      el.reset();
      expect((await cancel).detail.reason).to.equal('aborted');
      await el.updateComplete;
      expect([el.status, text(el, 'status'), harness.popup.closed]).to.deep.equal(['idle', '', true]);
    });
  });

  describe('<oauth-connect full-width> while pending', () => {
    it('keeps the button width and one line of label; Cancel and the status go below (German, 320 px)', async () => {
      const harness = popupHarness();
      try {
        const wrapper = await fixture(
          html`<div lang="de" style="width:320px">
            <oauth-connect
              full-width
              provider="ulule"
              authorize-url=${authorizeUrl}
              client-id="c"
              redirect-uri="/test/fixtures/callback.html"
            ></oauth-connect>
          </div>`,
        );
        const el = wrapper.querySelector('oauth-connect')!;
        const button = shadow(el, '[part=button]');
        const idle = button.getBoundingClientRect();
        expect(idle.width).to.equal(320);
        el.connect().catch(() => {});
        await el.updateComplete;
        const pending = button.getBoundingClientRect();
        expect(pending.width).to.equal(idle.width);
        expect(pending.height).to.equal(idle.height);
        const label = shadow(el, '[part=label]').getBoundingClientRect();
        const lineHeight = parseFloat(getComputedStyle(shadow(el, '[part=label]')).lineHeight);
        expect(label.height).to.be.at.most(lineHeight * 1.5);
        expect(shadow(el, '[part=status]').getBoundingClientRect().top).to.be.at.least(pending.bottom);
        expect(shadow(el, '[part=cancel]').getBoundingClientRect().top).to.be.at.least(pending.bottom);
        el.abort();
      } finally {
        harness.restore();
      }
    });
  });
}
