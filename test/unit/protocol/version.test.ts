import { expect } from '@open-wc/testing';
import { VERSION } from '../../../src/protocol/version.js';

describe('VERSION', () => {
  it('is package.json’s version: the callback page sends it, and the element compares it with its own', async () => {
    const { version } = (await (await fetch('/package.json')).json()) as { version: string };
    expect(VERSION).to.equal(version);
  });
});
