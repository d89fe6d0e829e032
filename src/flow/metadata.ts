/** What the flow uses of an authorization server's metadata (RFC 8414 §2, OpenID Connect Discovery §3). */
export interface IssuerMetadata {
  issuer: string;
  authorization_endpoint: string;
  /** RFC 9207 §3: the server puts `iss` in every authorization response. */
  authorization_response_iss_parameter_supported?: boolean;
}

/**
 * Each issuer's metadata, or why there is none, once discovery (issuer.ts) has it. Apart from
 * discovery, so that checking options (options.ts) costs a page without an issuer nothing more.
 */
export const knownIssuers = new Map<string, IssuerMetadata | Error>();
