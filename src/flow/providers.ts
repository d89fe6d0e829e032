import {
  ULTRACART_AUTHORIZE_URL,
  ULTRACART_TOKEN_URL,
  ULULE_AUTHORIZE_URL,
  ULULE_TOKEN_URL,
} from '../protocol/providers.js';
import type { ResponseType } from '../protocol/callback.js';

/** What oauth-connect knows of a provider, so a partner only sets `client-id` and `redirect-uri`. */
export interface ProviderPreset {
  /** Shown to the user: "Sign in with {name}". */
  name: string;
  authorizeUrl: string;
  /** The issuer identifier (RFC 9207), for a provider that has one: answers from another are refused. */
  issuer?: string;
  /** For your server's code exchange (`oauth-connect/server`); the element does not use it. */
  tokenUrl?: string;
  /** The response types the provider supports; the first is the default. */
  responseTypes: ResponseType[];
  /** Brand accent, the button's background; white text on it must keep a 4.5:1 contrast. */
  accent?: string;
  /**
   * `refused` for a provider that refuses sign-in in an app's in-app browser (Google, LINE): there
   * `mode="auto"` offers only the way out to the system browser. Unset: a redirect is tried.
   */
  webviews?: 'refused';
  /**
   * What the button says the user does: `signIn` (default, "Sign in with {name}"), or `connect`
   * ("Connect to {name}") for a provider one connects an account of (a store) rather than signs in with.
   */
  action?: 'connect' | 'signIn';
}

/**
 * Built-in presets, from the providers' own documentation. Add yours with
 * `registerProvider`. No prototype, so `provider="constructor"` finds nothing.
 */
export const providers: Record<string, ProviderPreset> = Object.assign(Object.create(null), {
  // Ulule Connect documentation: both `token` and `code`. URLs and their sources: protocol/providers.ts.
  ulule: {
    name: 'Ulule',
    authorizeUrl: ULULE_AUTHORIZE_URL,
    tokenUrl: ULULE_TOKEN_URL,
    responseTypes: ['code', 'token'],
    accent: '#0b6e4f',
  },
  // UltraCart OAuth guide: `response_type=code` only, state always sent. The token
  // URL is the SDKs' (`…/rest/v2/oauth/token`): no public source has `…/admin/v2/oauth/token`.
  ultracart: {
    name: 'UltraCart',
    authorizeUrl: ULTRACART_AUTHORIZE_URL,
    tokenUrl: ULTRACART_TOKEN_URL,
    responseTypes: ['code'],
    accent: '#1d4f91',
    // A partner connects a store to its service: the button says "Connect to UltraCart".
    action: 'connect',
  },
});

/** Makes `provider="{id}"` (and `connect({ provider: id })`) use this preset. */
export const registerProvider = (id: string, preset: ProviderPreset): void => {
  providers[id] = preset;
};
