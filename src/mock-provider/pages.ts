/**
 * The provider's pages: small, server-rendered, no script (the CSP forbids it),
 * usable with the keyboard alone. Every page says it is a mock, so nobody
 * mistakes it for a real sign-in page. They fit the 500×650 popup the element
 * opens, without scrolling, in English and in French (page-text.ts).
 */
import { STYLES } from './page-styles.js';
import { PAGE_TEXT, type PageText } from './page-text.js';

/** Text to put in HTML, in element content or a quoted attribute. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&']);

/** A fragment of already-escaped HTML. */
export interface Html {
  readonly html: string;
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): Html => ({
  html: strings.reduce((out, text, i) => {
    if (i == 0) return text;
    const value = values[i - 1];
    const rendered = Array.isArray(value)
      ? value.map((v) => (isHtml(v) ? v.html : escapeHtml(String(v)))).join('')
      : isHtml(value)
        ? value.html
        : value === undefined || value === false || value === null
          ? ''
          : escapeHtml(String(value));
    return out + rendered + text;
  }, ''),
});

const isHtml = (value: unknown): value is Html => typeof value == 'object' && value !== null && 'html' in value;

const layout = (t: PageText, title: string, body: Html, wide = false): string =>
  html`<!doctype html>
    <html lang="${t.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Mock provider</title>
        <style>
          ${{ html: STYLES }}
        </style>
      </head>
      <body>
        <main class="${wide ? 'wide' : 'narrow'}">
          <header class="brand">
            <span class="logo" aria-hidden="true">M</span><strong>Mock provider</strong
            ><span class="badge">${t.badge}</span>
          </header>
          ${body}
          <footer>${t.footer}</footer>
        </main>
      </body>
    </html>`.html;

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');

export interface SignInPageData {
  t: PageText;
  clientName: string;
  /** Link to the sign-up form for the same request. */
  signUpHref: string;
  email?: string;
  error?: string;
  testCredentials?: { email: string; password: string } | undefined;
}

/** After a wrong password the focus is on the password field, where the user types again. */
export const signInPage = ({ t, ...data }: SignInPageData): string =>
  layout(
    t,
    t.signInTitle,
    html`<h1>${t.signInHeading(data.clientName)}</h1>
      <p>${t.signInLead}</p>
      ${formAlert(data.error)}
      <form method="post" novalidate>
        <input type="hidden" name="action" value="signin" />
        <label for="email">${t.email}</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          value="${data.email ?? ''}"
          ${focusAttrs(!data.error)}${errorAttrs(data.error)}
        />
        <label for="password">${t.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required${focusAttrs(Boolean(data.error))}${errorAttrs(data.error)}
        />
        <div class="actions full"><button type="submit">${t.signInButton}</button></div>
      </form>
      <p class="switch">${t.noAccount} <a href="${data.signUpHref}">${t.createLink}</a></p>
      ${
        data.testCredentials
          ? html`<p class="note">
              ${t.testAccount} <code>${data.testCredentials.email}</code> /
              <code>${data.testCredentials.password}</code>
            </p>`
          : ''
      }`,
  );

const focusAttrs = (focus: boolean): Html => ({ html: focus ? ' autofocus' : '' });

/** The form's error message; `errorAttrs` points the invalid field at it. */
const formAlert = (error: string | undefined): Html | string =>
  error ? html`<p class="alert" role="alert" id="form-error">${error}</p>` : '';

const errorAttrs = (error: string | undefined): Html =>
  error ? { html: ' aria-invalid="true" aria-describedby="form-error"' } : { html: '' };

export interface SignUpPageData {
  t: PageText;
  clientName: string;
  signInHref: string;
  name?: string;
  email?: string;
  error?: string;
  /** The field the error is about: it gets the focus and `aria-invalid`. */
  errorField?: 'name' | 'email' | 'password';
}

export const signUpPage = ({ t, ...data }: SignUpPageData): string => {
  const field = data.error ? (data.errorField ?? 'email') : undefined;
  const attrs = (name: 'name' | 'email' | 'password'): Html => ({
    html: `${focusAttrs(field ? field == name : name == 'name').html}${field == name ? errorAttrs(data.error).html : ''}`,
  });
  return layout(
    t,
    t.signUpTitle,
    html`<h1>${t.signUpHeading(data.clientName)}</h1>
      <p>${t.signUpLead}</p>
      ${formAlert(data.error)}
      <form method="post" novalidate>
        <input type="hidden" name="action" value="signup" />
        <label for="name">${t.fullName}</label>
        <input id="name" name="name" autocomplete="name" required value="${data.name ?? ''}" ${attrs('name')} />
        <label for="email">${t.email}</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value="${data.email ?? ''}"
          ${attrs('email')}
        />
        <label for="password">${t.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minlength="8"
          aria-describedby="password-hint"
          ${attrs('password')}
        />
        <p class="hint-text" id="password-hint">${t.passwordHint}</p>
        <div class="actions full"><button type="submit">${t.signUpButton}</button></div>
      </form>
      <p class="switch">${t.haveAccount} <a href="${data.signInHref}">${t.signInLink}</a></p>`,
  );
};

export interface ConsentPageData {
  t: PageText;
  clientName: string;
  user: { name: string; email: string };
  scopes: Array<{ name: string; description: string }>;
  csrf: string;
}

/** The heading takes the focus, so a screen reader starts with who asks for what. */
export const consentPage = ({ t, ...data }: ConsentPageData): string =>
  layout(
    t,
    t.consentTitle,
    html`<h1 tabindex="-1" autofocus>${t.consentHeading(data.clientName)}</h1>
      <div class="account">
        <span class="avatar" aria-hidden="true">${initials(data.user.name)}</span>
        <div><strong>${data.user.name}</strong><span>${data.user.email}</span></div>
        <form method="post">
          <input type="hidden" name="action" value="signout" /><input
            type="hidden"
            name="csrf"
            value="${data.csrf}"
          /><button type="submit" class="link">${t.notYou}</button>
        </form>
      </div>
      <p>${t.consentLead(data.clientName)}</p>
      <ul class="scopes">
        ${data.scopes.map((scope) => html`<li><span aria-hidden="true">✓</span><span>${scope.description}</span><code>${scope.name}</code></li>`)}
      </ul>
      <p>${t.revocable}</p>
      <form method="post">
        <input type="hidden" name="csrf" value="${data.csrf}" />
        <div class="actions full">
          <button type="submit" name="action" value="deny" class="secondary">${t.deny}</button>
          <button type="submit" name="action" value="allow">${t.allow}</button>
        </div>
      </form>`,
  );

/** Shown instead of redirecting when the redirect URI cannot be trusted (RFC 6749 §4.1.2.1). */
export const errorPage = (error: string, description: string, t: PageText = PAGE_TEXT.en): string =>
  layout(
    t,
    t.errorTitle,
    html`<h1>${t.errorHeading}</h1>
      <p class="alert" role="alert">${description}</p>
      <p>${t.errorExplain}</p>
      <p class="hint-text">${t.errorCode} <code>${error}</code></p>`,
  );

export interface IndexPageData {
  clients: Array<{ clientId: string; name: string; confidential: boolean; redirectUris: string[] }>;
  scopes: Array<{ name: string; description: string }>;
  /** As a provider (`profile`): its name and endpoints (label, method and path without the leading slash). */
  playing?: { name: string; endpoints: Array<[string, string]> };
}

export const indexPage = (data: IndexPageData): string =>
  layout(
    PAGE_TEXT.en,
    'Mock provider',
    html`<h1>Mock OAuth 2 provider</h1>
      ${
        data.playing
          ? html`<p>Plays ${data.playing.name} at its own paths.</p>
              <table>
                ${data.playing.endpoints.map(
                  ([label, endpoint]) =>
                    html`<tr>
                      <th scope="row">${label}</th>
                      <td><code>${endpoint}</code></td>
                    </tr>`,
                )}
              </table>`
          : html`<p>
                Runs the Ulule Connect / UltraCart style workflow locally: sign in or sign up, consent, redirect, code
                exchange, user data.
              </p>
              <table>
                <tr>
                  <th scope="row">Authorize</th>
                  <td><code>GET oauth2/authorize/</code></td>
                </tr>
                <tr>
                  <th scope="row">Token</th>
                  <td><code>POST oauth2/token/</code></td>
                </tr>
                <tr>
                  <th scope="row">User</th>
                  <td><code>GET v1/me</code></td>
                </tr>
                <tr>
                  <th scope="row">Metadata</th>
                  <td><a href=".well-known/oauth-authorization-server">RFC 8414</a></td>
                </tr>
              </table>`
      }
      <h2>Clients</h2>
      <table>
        ${data.clients.map(
          (c) =>
            html`<tr>
              <td><code>${c.clientId}</code><br />${c.name}</td>
              <td>
                ${c.confidential ? 'confidential' : 'public (PKCE)'}<br />${c.redirectUris.map((uri) => html`<code>${uri}</code><br />`)}
              </td>
            </tr>`,
        )}
      </table>
      <h2>Scopes</h2>
      <table>
        ${data.scopes.map(
          (s) =>
            html`<tr>
              <td><code>${s.name}</code></td>
              <td>${s.description}</td>
            </tr>`,
        )}
      </table>`,
    true,
  );
