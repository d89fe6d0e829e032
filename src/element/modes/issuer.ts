/**
 * Discovery: an element with `issuer` and no `authorize-url` finds the authorization endpoint in
 * the issuer's metadata (flow/issuer.ts), fetched ahead of the click, once per page per issuer.
 * `import 'oauth-connect/modes/issuer'`.
 */
import { discover } from '../../flow/issuer.js';
import { providers } from '../../flow/providers.js';
import { registerMode, type ModeElement } from './mode.js';

const ahead = ({ issuer, provider }: ModeElement) => {
  const known = issuer || (provider && providers[provider]?.issuer);
  if (known) void discover(known);
};

registerMode('issuer', {
  legs: { discover },
  prepare: ahead,
  restore: ahead,
});
