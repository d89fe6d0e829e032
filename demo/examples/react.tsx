/**
 * React 19 example (demo/examples/react.html), run end to end by
 * test/e2e/examples.ui.spec.ts. The part between the `readme` markers is
 * copied into README.md (test/e2e/readme-snippets.api.spec.ts keeps them equal).
 */
import { createRoot } from 'react-dom/client';
// #region readme
import { useState, type HTMLAttributes, type RefAttributes } from 'react';
import 'oauth-connect/define';
import type { OAuthConnectElement, OAuthConnectEventMap } from 'oauth-connect';

// Typed JSX for <oauth-connect>: its attributes, and its events as `onconnect-*` props (React 19).
type Events = { [K in keyof OAuthConnectEventMap as `on${K}`]?: (event: OAuthConnectEventMap[K]) => void };
type OAuthConnectProps = HTMLAttributes<OAuthConnectElement> &
  RefAttributes<OAuthConnectElement> &
  Events & {
    provider?: string;
    'authorize-url'?: string;
    'client-id': string;
    'redirect-uri': string;
    scope?: string;
    'response-type'?: 'code' | 'token';
    label?: string;
    theme?: 'light' | 'dark';
    size?: 'small' | 'medium' | 'large';
    variant?: 'filled' | 'outline';
  };
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'oauth-connect': OAuthConnectProps;
    }
  }
}

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
