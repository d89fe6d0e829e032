// Type-checked by test/types/run.js against the packed package: each line
// compiles for a consumer, and each @ts-expect-error line must fail to.
import 'oauth-connect/define';
import { OAuthConnectElement, type ConnectResult, type SessionResult } from 'oauth-connect';
import { handleCallback } from 'oauth-connect/callback';

// The line from the issue: the tag name map types the element, the event map types the event.
document.querySelector('oauth-connect')!.addEventListener('connect-success', (e) => e.detail.code);

const el = document.createElement('oauth-connect');
const typed: OAuthConnectElement = el;
el.clientId = 'client';
el.addEventListener('connect-start', (e) => e.detail.url.toUpperCase());
el.addEventListener('connect-error', (e) => e.detail.error.toUpperCase());
el.addEventListener('connect-cancel', (e) => e.detail.reason satisfies 'closed' | 'timeout' | 'aborted');
el.addEventListener('connect-success', (e) => {
  if (e.detail.responseType == 'token') e.detail.accessToken.toUpperCase();
  else if (e.detail.responseType == 'code') e.detail.code.toUpperCase();
  else e.detail.account.name.toUpperCase(); // server-bound: the session's account
});
const result: Promise<ConnectResult | SessionResult> = typed.connect();
void result;
void handleCallback;

// Wrong usage must not compile.
// @ts-expect-error: client-id is a string property
el.clientId = 42;
// @ts-expect-error: a success detail has no such field
el.addEventListener('connect-success', (e) => e.detail.nope);
// @ts-expect-error: an error detail has no code
el.addEventListener('connect-error', (e) => e.detail.code);
// @ts-expect-error: a cancel reason is one of three strings
el.addEventListener('connect-cancel', (e) => e.detail.reason satisfies 'closed');
