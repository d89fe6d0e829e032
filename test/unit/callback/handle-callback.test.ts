import { expect } from '@open-wc/testing';
import { readCallbackParams } from '../../../src/callback/handle-callback.js';

describe('readCallbackParams', () => {
  it('reads the query, then the fragment, decoding values and keeping duplicates', () => {
    expect(readCallbackParams('https://p.example/cb?code=a%2Bb&state=S#x=1&state=T')).to.deep.equal([
      ['code', 'a+b'],
      ['state', 'S'],
      ['x', '1'],
      ['state', 'T'],
    ]);
  });
});
