// A React 19 consumer, type-checked by test/types/run.js against the packed package:
// `oauth-connect/react` declares <oauth-connect> in React's JSX; the lines marked as
// expected errors must fail to compile.
import type {} from 'oauth-connect/react';
import 'oauth-connect/define';
import { useRef } from 'react';

export function EventMode() {
  const ref = useRef<HTMLElementTagNameMap['oauth-connect']>(null);
  return (
    <oauth-connect
      ref={ref}
      provider="ulule"
      client-id="client"
      redirect-uri="/callback.html"
      scope="profile"
      size="large"
      full-width
      onconnect-success={(event) => {
        if (event.detail.responseType == 'code') event.detail.code.toUpperCase();
      }}
      onconnect-error={(event) => event.detail.error.toUpperCase()}
    />
  );
}

// Server-bound: the handler holds the client, so neither client-id nor redirect-uri is needed.
export const ServerBound = () => (
  <oauth-connect
    provider="ulule"
    server="/auth"
    account={{ name: 'Ada' }}
    onconnect-disconnect={(event) => event.detail.account.name}
  />
);

// @ts-expect-error: without server, client-id and redirect-uri are required
export const NoClient = () => <oauth-connect provider="ulule" />;
// @ts-expect-error: a size the element does not have
export const WrongSize = () => <oauth-connect server="/auth" size="huge" />;
// @ts-expect-error: the success detail has no such field
export const WrongEvent = () => <oauth-connect server="/auth" onconnect-success={(event) => event.detail.nope} />;
