/**
 * Typed JSX for `<oauth-connect>` in React 19, opt in: `import type {} from 'oauth-connect/react'`
 * once in the app. It adds the element to React's `JSX.IntrinsicElements`: its attributes, its
 * properties (`account`, `params`: React 19 sets them as properties) and its events as
 * `onconnect-*` props. Only this module needs `@types/react`; the rest of the package does not.
 */
import type { HTMLAttributes, RefAttributes } from 'react';
import type { ConnectAccount, OAuthConnectElement, OAuthConnectEventMap } from './index.js';

/** Each event as a prop: `onconnect-success={(event) => event.detail}`. */
export type OAuthConnectEventProps = {
  [K in keyof OAuthConnectEventMap as `on${K}`]?: (event: OAuthConnectEventMap[K]) => void;
};

/** What every `<oauth-connect>` takes, whichever side holds the options. */
interface SharedProps {
  provider?: string;
  'authorize-url'?: string;
  issuer?: string;
  'require-iss'?: boolean;
  scope?: string;
  'response-type'?: OAuthConnectElement['responseType'];
  'no-pkce'?: boolean;
  timeout?: number;
  'popup-width'?: number;
  'popup-height'?: number;
  mode?: OAuthConnectElement['mode'];
  fallback?: OAuthConnectElement['fallback'];
  disabled?: boolean;
  label?: string;
  'no-status'?: boolean;
  size?: 'small' | 'medium' | 'large';
  variant?: 'filled' | 'outline';
  theme?: 'light' | 'dark';
  'full-width'?: boolean;
  'account-name'?: string;
  account?: ConnectAccount;
  params?: Record<string, string>;
}

/**
 * The page runs the flow: the client's id and redirect URI are required. With `server`, your
 * auth handler holds them (server-bound mode), so they are not.
 */
type ModeProps =
  | { server?: undefined; 'client-id': string; 'redirect-uri': string }
  | { server: string; 'client-id'?: string; 'redirect-uri'?: string };

/** The props of `<oauth-connect>` in JSX. */
export type OAuthConnectProps = HTMLAttributes<OAuthConnectElement> &
  RefAttributes<OAuthConnectElement> &
  OAuthConnectEventProps &
  SharedProps &
  ModeProps;

declare module 'react' {
  // React's own JSX namespace is how React declares its intrinsic elements.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'oauth-connect': OAuthConnectProps;
    }
  }
}
