import { ConnectError } from './errors.js';
import { knownIssuers as known, type IssuerMetadata } from './metadata.js';

/** The fetches under way, by issuer. */
const fetching = new Map<string, Promise<unknown>>();

const getJson = (url: string): Promise<IssuerMetadata | undefined> =>
  fetch(url)
    .then((response) => (response.ok ? response.json() : undefined))
    .catch(() => undefined);

/**
 * OpenID Connect's `{issuer}/.well-known/openid-configuration`, else RFC 8414's
 * `/.well-known/oauth-authorization-server{issuer's path}` (§3.1). Its `issuer` must equal the
 * configured one exactly (RFC 8414 §3.3, OpenID Connect Discovery §4.3); `resolveOptions` checks
 * its authorization endpoint as it would an `authorize-url`.
 */
const load = async (issuer: string): Promise<IssuerMetadata> => {
  const { origin, pathname } = new URL(issuer);
  const metadata =
    (await getJson(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration')) ??
    (await getJson(origin + '/.well-known/oauth-authorization-server' + pathname.replace(/\/$/, '')));
  if (metadata?.issuer !== issuer)
    throw new ConnectError(
      'invalid_config',
      `oauth-connect: the metadata of issuer ${issuer} ${metadata ? 'names issuer ' + metadata.issuer : 'was not found'}.`,
    );
  return metadata;
};

/**
 * Fetches the issuer's metadata, once per page (elements call it ahead of the click). Never
 * rejects: it settles once `knownMetadata` has the answer.
 */
export const discover = (issuer: string): Promise<unknown> => {
  let pending = fetching.get(issuer);
  if (!pending)
    fetching.set(
      issuer,
      (pending = load(issuer).then(
        (metadata) => known.set(issuer, metadata),
        (error: Error) => known.set(issuer, error),
      )),
    );
  return pending;
};
