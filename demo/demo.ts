/**
 * The demo page's script: what a partner writes around the element. It logs
 * every event, sends a code flow's result to the back end (`/api/exchange`,
 * see mock-provider-plugin.ts), and shows who signed in.
 */
import '../src/define.js';
import type { OAuthConnectEventMap } from '../src/index.js';

interface DemoUser {
  id: string;
  name: string;
  email?: string;
  scope?: string;
}

const log = document.querySelector<HTMLOListElement>('#event-log')!;
const account = document.querySelector<HTMLDivElement>('#account')!;
const providerUrl = new URL(document.querySelector('#code-flow')!.getAttribute('authorize-url')!).origin;

/** Shows the start and end of secrets, so the log reads well without being a copy-paste leak. */
const mask = (key: string, value: unknown): unknown =>
  typeof value == 'string' && /^(code|accessToken|refreshToken|codeVerifier|state)$/.test(key) && value.length > 16
    ? `${value.slice(0, 8)}…${value.slice(-4)}`
    : value;

const addLogEntry = (type: string, source: string, detail: unknown) => {
  log.querySelector('.log-empty')?.remove();
  const item = document.createElement('li');
  item.dataset.event = type;
  const time = document.createElement('time');
  time.dateTime = new Date().toISOString();
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement('strong');
  name.textContent = type;
  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = source;
  const body = document.createElement('pre');
  body.textContent = JSON.stringify(detail, mask, 2);
  item.append(time, name, from, body);
  log.prepend(item);
};

const showUser = (user: DemoUser, how: string) => {
  const initials = user.name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
  account.replaceChildren();
  account.classList.add('signed-in');
  const avatar = Object.assign(document.createElement('span'), { className: 'avatar', textContent: initials });
  avatar.setAttribute('aria-hidden', 'true');
  const who = document.createElement('div');
  const line = Object.assign(document.createElement('p'), { id: 'signed-in-as' });
  line.append('Signed in as ', Object.assign(document.createElement('strong'), { textContent: user.name }));
  const meta = Object.assign(document.createElement('p'), {
    className: 'muted',
    textContent: [user.email, how].filter(Boolean).join(' · '),
  });
  who.append(line, meta);
  const signOut = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'ghost',
    textContent: 'Sign out',
  });
  signOut.addEventListener('click', resetAccount);
  account.append(avatar, who, signOut);
};

const showProblem = (message: string) => {
  account.classList.remove('signed-in');
  account.replaceChildren(Object.assign(document.createElement('p'), { className: 'problem', textContent: message }));
};

const resetAccount = () => {
  account.classList.remove('signed-in');
  account.replaceChildren(
    Object.assign(document.createElement('p'), {
      className: 'muted',
      textContent: 'Not signed in yet. Use either button above.',
    }),
  );
};

const types: Array<keyof OAuthConnectEventMap> = [
  'connect-start',
  'connect-success',
  'connect-error',
  'connect-cancel',
];
for (const type of types)
  document.addEventListener(type, (event) => addLogEntry(type, `#${(event.target as Element).id}`, event.detail));

document.addEventListener('connect-success', async ({ detail }) => {
  if (detail.responseType == 'code') {
    // The code is worthless without the client secret, which only the server has.
    account.replaceChildren(
      Object.assign(document.createElement('p'), { className: 'muted', textContent: 'Exchanging the code…' }),
    );
    const response = await fetch('/api/exchange', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: detail.code, redirectUri: detail.redirectUri, codeVerifier: detail.codeVerifier }),
    });
    const body = (await response.json()) as { user?: DemoUser; error?: string; error_description?: string };
    addLogEntry('exchange', 'POST /api/exchange', { status: response.status, ...body });
    if (body.user) showUser(body.user, 'code exchanged on the server');
    else showProblem(`The exchange failed: ${body.error_description ?? body.error ?? response.status}`);
  } else {
    // A token flow: the page holds the token and calls the provider's API itself (CORS).
    const response = await fetch(`${providerUrl}/v1/me`, {
      headers: { Authorization: `Bearer ${detail.accessToken}` },
    });
    const body = (await response.json()) as DemoUser & { error_description?: string };
    addLogEntry('user', 'GET /v1/me', { status: response.status, ...body });
    if (response.ok) showUser(body, 'token used in the browser');
    else showProblem(`The provider refused the token: ${body.error_description ?? response.status}`);
  }
});

document.addEventListener('connect-error', ({ detail }) =>
  showProblem(
    detail.error == 'access_denied'
      ? 'You declined the request in the popup.'
      : `Sign-in failed: ${detail.errorDescription ?? detail.error}`,
  ),
);

document.querySelector('#clear-log')!.addEventListener('click', () => {
  log.replaceChildren(
    Object.assign(document.createElement('li'), {
      className: 'log-empty',
      textContent: 'Events fired by the buttons appear here as they happen.',
    }),
  );
});
