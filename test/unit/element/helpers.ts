import { aTimeout, fixture, html } from '@open-wc/testing';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';

/** What the element tests share: the same-origin test provider and ways to reach into the shadow root. */
export const authorizeUrl = new URL('/test/fixtures/authorize.html', location.href).href;

/** An element pointed at the same-origin test provider; `respond` says what the provider does. */
export const make = (respond?: string, extra: Partial<OAuthConnectElement> = {}) =>
  fixture<OAuthConnectElement>(
    html`<oauth-connect
      authorize-url=${authorizeUrl}
      client-id="test-client"
      redirect-uri="/test/fixtures/callback.html"
      scope="profile email"
      .params=${respond ? { 'test-respond': respond } : {}}
    ></oauth-connect>`,
  ).then((el) => Object.assign(el, extra));

export const button = (el: OAuthConnectElement) => el.shadowRoot!.querySelector('button')!;

export const shadow = (el: OAuthConnectElement, selector: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(selector)!;

export const text = (el: OAuthConnectElement, part: string) => shadow(el, `[part=${part}]`).textContent!.trim();

/** Records every event the element fires, in order. */
export const recordEvents = (el: HTMLElement) => {
  const events: CustomEvent[] = [];
  for (const type of ['connect-start', 'connect-success', 'connect-error', 'connect-cancel'])
    el.addEventListener(type, (event) => events.push(event as CustomEvent));
  return events;
};

/**
 * The page's first element prepares a PKCE pair as it connects (crypto.subtle is asynchronous):
 * tests that click as a user does wait for it once, so the popup opens at the provider at once.
 */
export const firstPkcePairReady = async () => {
  await fixture(html`<oauth-connect></oauth-connect>`);
  await aTimeout(200);
};
