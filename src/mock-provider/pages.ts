/**
 * The provider's pages: small, server-rendered, no script (the CSP forbids it),
 * usable with the keyboard alone. Every page says it is a mock, so nobody
 * mistakes it for a real sign-in page.
 */

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

const STYLES = `
:root { color-scheme: light dark; --accent: #4338ca; --accent-ink: #fff; --ink: #111827; --muted: #4b5563;
  --line: #d1d5db; --card: #fff; --page: #f3f4f6; --danger: #b91c1c; --tint: #eef2ff; }
@media (prefers-color-scheme: dark) { :root { --accent: #818cf8; --accent-ink: #111827; --ink: #f9fafb;
  --muted: #cbd5e1; --line: #374151; --card: #1f2937; --page: #111827; --danger: #fca5a5; --tint: #312e81; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: start center; background: var(--page);
  color: var(--ink); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: min(100% - 2rem, 26rem); margin: 1.5rem 0; background: var(--card); border: 1px solid var(--line);
  border-radius: 12px; padding: 1.75rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); }
header.brand { display: flex; align-items: center; gap: .6rem; margin-bottom: 1.25rem; }
.logo { width: 2rem; height: 2rem; border-radius: 8px; background: var(--accent); color: var(--accent-ink);
  display: grid; place-items: center; font-weight: 700; }
.brand strong { font-size: 1rem; }
.badge { margin-left: auto; font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); border: 1px dashed var(--line); border-radius: 999px; padding: .1rem .6rem; }
h1 { font-size: 1.35rem; line-height: 1.3; margin: 0 0 .5rem; }
p { margin: 0 0 1rem; color: var(--muted); }
form { margin: 0; }
label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
input { width: 100%; font: inherit; padding: .6rem .75rem; border: 1px solid var(--line); border-radius: 8px;
  background: transparent; color: inherit; }
input[aria-invalid="true"] { border-color: var(--danger); }
.hint-text { font-size: .85rem; color: var(--muted); margin: .3rem 0 0; }
button, .button { font: inherit; font-weight: 600; min-height: 44px; padding: .55rem 1.1rem; border-radius: 8px;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); cursor: pointer; }
button.secondary { background: transparent; color: var(--ink); border-color: var(--line); }
button.link { background: none; border: 0; color: var(--accent); padding: 0; min-height: 0; font-weight: 600;
  text-decoration: underline; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.5rem; }
.actions.full button { flex: 1; }
.alert { border: 1px solid var(--danger); color: var(--danger); border-radius: 8px; padding: .6rem .8rem;
  margin: 0 0 1rem; }
.note { background: var(--tint); border-radius: 8px; padding: .6rem .8rem; font-size: .9rem; margin-top: 1.25rem; }
.note code { font-size: .85rem; white-space: nowrap; }
.switch { margin: 1.25rem 0 0; text-align: center; color: var(--muted); }
.switch a, a { color: var(--accent); font-weight: 600; }
ul.scopes { list-style: none; padding: 0; margin: 0 0 1rem; border: 1px solid var(--line); border-radius: 8px; }
ul.scopes li { padding: .6rem .8rem; display: flex; gap: .6rem; align-items: baseline; }
ul.scopes li + li { border-top: 1px solid var(--line); }
ul.scopes code { margin-left: auto; font-size: .8rem; color: var(--muted); }
.account { display: flex; align-items: center; gap: .75rem; margin: 0 0 1rem; flex-wrap: wrap; }
.avatar { width: 2.25rem; height: 2.25rem; border-radius: 50%; background: var(--tint); display: grid;
  place-items: center; font-weight: 700; }
.account div span { display: block; font-size: .9rem; color: var(--muted); }
.account form { margin-left: auto; }
footer { margin-top: 1.5rem; font-size: .8rem; color: var(--muted); text-align: center; }
main.wide { width: min(100% - 2rem, 44rem); }
h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
td code { word-break: break-all; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
td, th { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
`;

const layout = (title: string, body: Html, wide = false): string =>
  html`<!doctype html>
    <html lang="en">
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
            ><span class="badge">Test only</span>
          </header>
          ${body}
          <footer>A local OAuth 2 test double from oauth-connect. Never enter a real password here.</footer>
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
  clientName: string;
  /** Link to the sign-up form for the same request. */
  signUpHref: string;
  email?: string;
  error?: string;
  testCredentials?: { email: string; password: string } | undefined;
}

export const signInPage = (data: SignInPageData): string =>
  layout(
    'Sign in',
    html`<h1>Sign in to continue to ${data.clientName}</h1>
      <p>Use your Mock provider account.</p>
      ${formAlert(data.error)}
      <form method="post" novalidate>
        <input type="hidden" name="action" value="signin" />
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          autofocus
          value="${data.email ?? ''}"
          ${errorAttrs(data.error)}
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required${errorAttrs(data.error)}
        />
        <div class="actions full"><button type="submit">Sign in</button></div>
      </form>
      <p class="switch">No account yet? <a href="${data.signUpHref}">Create an account</a></p>
      ${
        data.testCredentials
          ? html`<p class="note">
              Test account: <code>${data.testCredentials.email}</code> / <code>${data.testCredentials.password}</code>
            </p>`
          : ''
      }`,
  );

/** The form's error message; `errorAttrs` points the invalid field at it. */
const formAlert = (error: string | undefined): Html | string =>
  error ? html`<p class="alert" role="alert" id="form-error">${error}</p>` : '';

const errorAttrs = (error: string | undefined): Html =>
  error ? { html: ' aria-invalid="true" aria-describedby="form-error"' } : { html: '' };

export interface SignUpPageData {
  clientName: string;
  signInHref: string;
  name?: string;
  email?: string;
  error?: string;
}

export const signUpPage = (data: SignUpPageData): string =>
  layout(
    'Create an account',
    html`<h1>Create your account to continue to ${data.clientName}</h1>
      <p>It takes a few seconds. This account only exists in this mock provider.</p>
      ${formAlert(data.error)}
      <form method="post" novalidate>
        <input type="hidden" name="action" value="signup" />
        <label for="name">Full name</label>
        <input id="name" name="name" autocomplete="name" required autofocus value="${data.name ?? ''}" />
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value="${data.email ?? ''}"
          ${errorAttrs(data.error)}
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minlength="8"
          aria-describedby="password-hint"
        />
        <p class="hint-text" id="password-hint">At least 8 characters.</p>
        <div class="actions full"><button type="submit">Create account</button></div>
      </form>
      <p class="switch">Already have an account? <a href="${data.signInHref}">Sign in</a></p>`,
  );

export interface ConsentPageData {
  clientName: string;
  user: { name: string; email: string };
  scopes: Array<{ name: string; description: string }>;
  csrf: string;
}

export const consentPage = (data: ConsentPageData): string =>
  layout(
    'Authorize',
    html`<h1>${data.clientName} wants to access your account</h1>
      <div class="account">
        <span class="avatar" aria-hidden="true">${initials(data.user.name)}</span>
        <div><strong>${data.user.name}</strong><span>${data.user.email}</span></div>
        <form method="post">
          <input type="hidden" name="action" value="signout" /><input
            type="hidden"
            name="csrf"
            value="${data.csrf}"
          /><button type="submit" class="link">Not you?</button>
        </form>
      </div>
      <p>If you allow it, ${data.clientName} will be able to:</p>
      <ul class="scopes">
        ${data.scopes.map((scope) => html`<li><span aria-hidden="true">✓</span><span>${scope.description}</span><code>${scope.name}</code></li>`)}
      </ul>
      <p>You can revoke this access at any time.</p>
      <form method="post">
        <input type="hidden" name="csrf" value="${data.csrf}" />
        <div class="actions full">
          <button type="submit" name="action" value="deny" class="secondary">Deny</button>
          <button type="submit" name="action" value="allow">Allow</button>
        </div>
      </form>`,
  );

/** Shown instead of redirecting when the redirect URI cannot be trusted (RFC 6749 §4.1.2.1). */
export const errorPage = (error: string, description: string): string =>
  layout(
    'Sign-in request rejected',
    html`<h1>This sign-in request can't continue</h1>
      <p class="alert" role="alert">${description}</p>
      <p>
        The application that sent you here is misconfigured, so you were not sent back to it. You can close this window.
      </p>
      <p class="hint-text">Error code: <code>${error}</code></p>`,
  );

export interface IndexPageData {
  clients: Array<{ clientId: string; name: string; confidential: boolean; redirectUris: string[] }>;
  scopes: Array<{ name: string; description: string }>;
}

export const indexPage = (data: IndexPageData): string =>
  layout(
    'Mock provider',
    html`<h1>Mock OAuth 2 provider</h1>
      <p>
        Runs the Ulule Connect / UltraCart style workflow locally: sign in or sign up, consent, redirect, code exchange,
        user data.
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
      </table>
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
