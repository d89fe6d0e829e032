import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/define.js';
import { registerLocale } from '../../../src/element/locales.js';
import type { OAuthConnectElement } from '../../../src/element/oauth-connect.js';

/**
 * The connected look, in any mode: `account` or `account-name` shows "Connected
 * as …", the picture and a Disconnect button; status `connected`; the cancelable
 * `connect-disconnect`; `reset()` clears the account and fires nothing.
 */
const part = (el: OAuthConnectElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const shown = (el: OAuthConnectElement, name: string) => part(el, name)?.isConnected && !part(el, name)?.hidden;

const make = (account?: OAuthConnectElement['account']) =>
  fixture<OAuthConnectElement>(
    html`<oauth-connect provider="ulule" client-id="c" redirect-uri="/cb" .account=${account}></oauth-connect>`,
  );

describe('the connected look', () => {
  it('shows who is connected, with the picture, in place of the sign-in button', async () => {
    const el = await make({ id: '7', name: 'Ada', picture: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' });
    expect(el.status).to.equal('connected');
    expect(el.matches(':state(connected)')).to.equal(true);
    expect(part(el, 'status')!.textContent).to.equal('Connected to Ulule as Ada');
    expect(shown(el, 'picture')).to.equal(true);
    expect(shown(el, 'disconnect')).to.equal(true);
    expect(part(el, 'disconnect')!.textContent).to.equal('Disconnect');
    expect(part(el, 'button')).to.equal(null);
  });

  it('draws the picture round and as high as the button, in each size', async () => {
    const picture = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    for (const [size, height] of [
      ['small', 32],
      ['medium', 44],
      ['large', 52],
    ] as const) {
      const el = await make({ name: 'Ada', picture });
      el.setAttribute('size', size);
      await el.updateComplete;
      const style = getComputedStyle(part(el, 'picture')!);
      expect([style.height, style.width, style.borderRadius]).to.deep.equal([`${height}px`, `${height}px`, '50%']);
    }
  });

  it('takes account-name for pages without script, without a picture', async () => {
    const el = await fixture<OAuthConnectElement>(
      html`<oauth-connect provider="ulule" client-id="c" redirect-uri="/cb" account-name="Grace"></oauth-connect>`,
    );
    expect(el.status).to.equal('connected');
    expect(part(el, 'status')!.textContent).to.equal('Connected to Ulule as Grace');
    expect(shown(el, 'picture')).to.equal(false);
  });

  for (const [lang, text, button] of [
    ['fr', "Connecté à Ulule en tant qu'Ada", 'Se déconnecter'],
    ['es', 'Conectado a Ulule como Ada', 'Desconectar'],
    ['de', 'Verbunden mit Ulule als Ada', 'Trennen'],
  ])
    it(`speaks ${lang}`, async () => {
      const el = await make({ name: 'Ada' });
      el.setAttribute('lang', lang);
      await waitUntil(() => part(el, 'status')!.textContent == text);
      expect(part(el, 'disconnect')!.textContent).to.equal(button);
    });

  it('says "Connected as" when no provider is named: none, or one that is not a preset', async () => {
    for (const provider of [undefined, 'mock']) {
      const el = await fixture<OAuthConnectElement>(
        html`<oauth-connect
          server="/test-auth/none"
          provider=${provider ?? nothing}
          .account=${{ name: 'Ada' }}
        ></oauth-connect>`,
      );
      expect(part(el, 'status')!.textContent).to.equal('Connected as Ada');
    }
  });

  it('keeps "Connected as" for a language whose strings have only it', async () => {
    registerLocale('it', { connectedAs: 'Connesso come %' });
    const el = await make({ name: 'Ada' });
    el.setAttribute('lang', 'it');
    await waitUntil(() => part(el, 'status')!.textContent == 'Connesso come Ada');
  });

  it('Disconnect fires a cancelable connect-disconnect, then goes back to idle', async () => {
    const el = await make({ name: 'Ada' });
    setTimeout(() => part(el, 'disconnect')!.click());
    const event = await oneEvent(el, 'connect-disconnect');
    expect(event.cancelable).to.equal(true);
    expect(event.detail).to.deep.equal({ account: { name: 'Ada' }, provider: 'ulule' });
    await waitUntil(() => el.status == 'idle');
    expect(el.account).to.equal(undefined);
    await el.updateComplete;
    expect(part(el, 'button')!.isConnected).to.equal(true);
    expect(part(el, 'status')!.textContent).to.equal('');
  });

  it('a cancelled connect-disconnect keeps the account', async () => {
    const el = await make({ name: 'Ada' });
    el.addEventListener('connect-disconnect', (event) => event.preventDefault());
    await el.disconnect();
    expect(el.status).to.equal('connected');
    expect(el.account).to.deep.equal({ name: 'Ada' });
  });

  it('reset() clears the account locally and fires nothing', async () => {
    const el = await make({ name: 'Ada' });
    const fired: string[] = [];
    for (const type of ['connect-disconnect', 'connect-cancel', 'connect-error', 'connect-success'])
      el.addEventListener(type, () => fired.push(type));
    el.reset();
    await el.updateComplete;
    expect([el.status, el.account, fired]).to.deep.equal(['idle', undefined, []]);
  });

  it('two elements for two providers each end their own connection', async () => {
    const box = await fixture<HTMLElement>(
      html`<div>
        <oauth-connect provider="ulule" client-id="c" redirect-uri="/cb" account-name="Ada"></oauth-connect>
        <oauth-connect provider="ultracart" client-id="c" redirect-uri="/cb" account-name="Ada U"></oauth-connect>
      </div>`,
    );
    const [ulule, ultracart] = box.querySelectorAll('oauth-connect');
    await ulule!.disconnect();
    expect([ulule!.status, ultracart!.status]).to.deep.equal(['idle', 'connected']);
  });
});
