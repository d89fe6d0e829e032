import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, type JWK, type JWTPayload } from 'jose';
import { random } from './settings.js';

/** The one signing algorithm: RS256 is what OpenID Connect clients accept without configuration. */
export const ID_TOKEN_ALG = 'RS256';

interface SigningKey {
  privateKey: KeyObject;
  jwk: JWK;
}

/** The signing keys, one per issuer (a mix-up test's second issuer must not share the first's key). */
export interface Keys {
  /** Makes the issuer's key now, rather than at the first ID token. */
  prepare(issuerPath: string): void;
  /** The issuer's JSON Web Key Set (RFC 7517 §5): its public key. */
  jwks(issuerPath: string): { keys: JWK[] };
  /** A compact JWS of these claims, signed with the issuer's key. */
  sign(issuerPath: string, claims: JWTPayload): Promise<string>;
}

export const createKeys = (): Keys => {
  const keys = new Map<string, SigningKey>();
  const keyOf = (issuerPath: string): SigningKey => {
    let key = keys.get(issuerPath);
    if (!key) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      key = {
        privateKey,
        jwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: random('key-'), alg: ID_TOKEN_ALG, use: 'sig' },
      };
      keys.set(issuerPath, key);
    }
    return key;
  };
  return {
    prepare: (issuerPath) => void keyOf(issuerPath),
    jwks: (issuerPath) => ({ keys: [keyOf(issuerPath).jwk] }),
    sign: (issuerPath, claims) => {
      const key = keyOf(issuerPath);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ID_TOKEN_ALG, kid: String(key.jwk.kid), typ: 'JWT' })
        .sign(key.privateKey);
    },
  };
};
