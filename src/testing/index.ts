/**
 * oauth-connect/testing: Playwright helpers for a partner's own tests (Node
 * only; nothing here reaches a browser bundle). The global set-up starts the
 * mock provider before the app under test; the fixture drives and resets it;
 * `signInWithPopup` goes through its pages in the real popup.
 */
export {
  setUpMockProvider,
  MOCK_ISSUER_ENV,
  MOCK_PROFILE_ENV,
  MOCK_URL_ENV,
  type MockProviderSetUp,
} from './global.js';
export { test, expect, type MockProviderFixtures, type MockProviderOptionsFixtures } from './fixture.js';
export type { TestMockProvider } from './handle.js';
export { signInWithPopup, type PopupPage, type SignInWithPopupOptions, type SignInWithPopupResult } from './popup.js';
export type {
  ForcedError,
  IssueCodeOptions,
  IssueTokenOptions,
  MockClient,
  MockRequest,
  MockUser,
  StartMockProviderOptions,
  TokenSet,
} from '../mock-provider/index.js';
