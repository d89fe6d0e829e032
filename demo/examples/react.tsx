/**
 * React 19 example (demo/examples/react.html), run end to end by
 * test/e2e/examples.ui.spec.ts. The part between the `readme` markers is
 * copied into README.md (test/e2e/readme-snippets.api.spec.ts keeps them equal).
 */
import { createRoot } from 'react-dom/client';
// #region readme
import { useState } from 'react';
import 'oauth-connect/define';
// Typed JSX for <oauth-connect>: its attributes, properties and `onconnect-*` events (React 19).
import type {} from 'oauth-connect/react';

export function SignIn({ authorizeUrl }: { authorizeUrl: string }) {
  const [message, setMessage] = useState('Not signed in.');
  return (
    <>
      <oauth-connect
        authorize-url={authorizeUrl}
        client-id="demo-client"
        redirect-uri="/callback.html"
        scope="profile email"
        onconnect-success={async ({ detail }) => {
          // Your server exchanges the code (oauth-connect/server) and says who signed in.
          const response = await fetch('/api/exchange', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(detail),
          });
          const { user } = await response.json();
          setMessage(`Signed in as ${user.name}`);
        }}
        onconnect-error={({ detail }) => setMessage(`Sign-in failed: ${detail.error}`)}
      />
      <p role="status">{message}</p>
    </>
  );
}
// #endregion readme

const authorizeUrl = document.querySelector<HTMLMetaElement>('meta[name=authorize-url]')!.content;
createRoot(document.querySelector('#root')!).render(<SignIn authorizeUrl={authorizeUrl} />);
