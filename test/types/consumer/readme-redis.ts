/* eslint-disable @typescript-eslint/no-unused-vars -- the snippets show values a partner goes on to use */
// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// What the snippet takes from the text around it is declared first.
import { createAuthHandler, type AuthHandlerOptions } from 'oauth-connect/server';

declare const secret: string, providers: AuthHandlerOptions['providers'], account: { id: string };

// #region readme
import { createClient } from 'redis';
import { redisStore } from 'oauth-connect/server/redis';

// disableOfflineQueue: a Redis that is down fails the request at once (server_error) instead of queueing it.
const redis = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
const store = redisStore(redis); // { prefix?, commandTimeout? (ms, default 1000) }
const auth = createAuthHandler({ secret, providers, store });
// After a password change: end that Ulule account's sessions in every process, and revoke its tokens.
const { sessions, revoked } = await auth.deleteUserSessions('ulule', account.id);
// #endregion readme

export {};
