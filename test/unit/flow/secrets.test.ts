import { expect } from '@open-wc/testing';
import { base64url, createPkcePair, pkceChallenge, randomToken } from '../../../src/flow/secrets.js';

describe('secrets', () => {
  it('computes the S256 challenge of RFC 7636 Appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).to.equal(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xbf]))).to.equal('-_-_');
    expect(base64url(new Uint8Array([1]))).to.equal('AQ');
  });

  it('makes 32-byte random tokens (43 base64url characters), never twice the same', () => {
    const tokens = new Set(Array.from({ length: 200 }, randomToken));
    expect(tokens.size).to.equal(200);
    for (const token of tokens) expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('spreads the random bits (no constant characters across tokens)', () => {
    const tokens = Array.from({ length: 64 }, randomToken);
    for (let i = 0; i < 42; i++) expect(new Set(tokens.map((t) => t[i])).size, `position ${i}`).to.be.greaterThan(8);
  });

  it('pairs a fresh verifier with its challenge', async () => {
    const pair = await createPkcePair();
    expect(pair.codeVerifier).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.codeChallenge).to.equal(await pkceChallenge(pair.codeVerifier));
  });
});
