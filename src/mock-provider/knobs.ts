import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http.js';
import type { TokenMatch } from './grants.js';
import type { Settings } from './settings.js';
import type { ForcedError, MockEndpoint } from './types.js';

/**
 * The test knobs: what a test changes to make the provider slow, failing,
 * impatient or older. "In reality" the network and the user decide these.
 */
export interface Knobs {
  delayMs: number;
  autoApprove: boolean | string;
  clockOffsetMs: number;
  /** See `MockProviderOptions.issParameter`. */
  issParameter: string;
  /** See `MockProviderOptions.userInfo`: whether the user-info endpoints answer. */
  userInfo: boolean;
  /** The `iss` to send for this issuer identifier, if any. */
  issParameterFor(issuer: string): string | undefined;
  failNextRequest(error: ForcedError): void;
  setDelay(ms: number): void;
  advanceClock(seconds: number): void;
  /** Takes the forced error if it targets this endpoint. */
  takeForced(endpoint: MockEndpoint): ForcedError | undefined;
  /** The knobs over HTTP, for tests in another process. `ownOrigin` says whether an `Origin` is the provider's. */
  handle(req: IncomingMessage, res: ServerResponse, name: string, ownOrigin: (origin: string) => boolean): void;
  reset(): void;
}

/** The paths of the knobs over HTTP. */
export const KNOB_PATH =
  /^\/(reset|fail-next-request|delay|auto-approve|advance-clock|iss-parameter|user-info|expire-tokens|revoke-tokens)\/?$/;

/** Long enough for any timeout test, short enough that a stray value does not hang a suite. */
export const MAX_DELAY_MS = 60_000;
/** A year: past every default lifetime, and far from the dates `Date` cannot hold. */
export const MAX_ADVANCE_SECONDS = 366 * 24 * 3600;
const ENDPOINTS: readonly MockEndpoint[] = ['authorize', 'token', 'userinfo', 'revocation', 'api'];
/** RFC 6749 §5.2: `error` is printable ASCII without `"` and `\`. */
const ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,100}$/;
/** Printable text: a line break in a description would break the headers it goes into. */
const DESCRIPTION = /^\P{Cc}{1,500}$/u;

/** The reason a knob value is refused, or undefined when it is in bounds. */
export const delayProblem = (ms: unknown): string | undefined =>
  typeof ms == 'number' && Number.isFinite(ms) && ms >= 0 && ms <= MAX_DELAY_MS
    ? undefined
    : `ms must be a number of milliseconds from 0 to ${MAX_DELAY_MS}.`;
export const advanceProblem = (seconds: unknown): string | undefined =>
  typeof seconds == 'number' && Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_ADVANCE_SECONDS
    ? undefined
    : `seconds must be a number from 0 to ${MAX_ADVANCE_SECONDS} (a year).`;
const forcedProblem = (error: ForcedError): string | undefined =>
  !ERROR_CODE.test(error.error)
    ? 'error must be an OAuth error code: 1 to 100 printable ASCII characters without " or \\.'
    : error.errorDescription !== undefined && !DESCRIPTION.test(error.errorDescription)
      ? 'error_description must be 1 to 500 characters without control characters.'
      : error.endpoint !== undefined && !ENDPOINTS.includes(error.endpoint)
        ? 'endpoint must be authorize, token, userinfo, revocation or api.'
        : undefined;

/** The keys each knob takes over HTTP: the query parameters of earlier versions. */
const KEYS: Record<string, string[]> = {
  reset: [],
  'fail-next-request': ['error', 'error_description', 'endpoint'],
  delay: ['ms'],
  'auto-approve': ['value'],
  'advance-clock': ['seconds'],
  'iss-parameter': ['value'],
  'user-info': ['value'],
  'expire-tokens': ['user', 'client_id', 'refresh_tokens'],
  'revoke-tokens': ['user', 'client_id'],
};

/** What the token knobs act on, over HTTP: `{ user?, client_id? }`. */
const matchOf = (body: Record<string, unknown>): TokenMatch | string => {
  const { user, client_id: clientId } = body;
  if ([user, clientId].some((value) => value !== undefined && (typeof value != 'string' || !value)))
    return 'user and client_id must be non-empty strings.';
  return {
    ...(user !== undefined && { user: user as string }),
    ...(clientId !== undefined && { clientId: clientId as string }),
  };
};

/** What the knobs change outside themselves: the whole provider, its tokens. */
export interface KnobActions {
  resetAll(): void;
  expireTokens(match: TokenMatch, refreshTokens: boolean): number;
  revokeTokens(match: TokenMatch): number;
}

const check = (problem: string | undefined) => {
  if (problem) throw new RangeError(problem);
};

/** `actions.resetAll` resets the whole provider (the `/reset` knob), not only the knobs. */
export const createKnobs = (settings: Settings, actions: KnobActions): Knobs => {
  const { options, log } = settings;
  let forced: ForcedError | undefined;

  /** Applies one knob's JSON body; returns why it was refused, or what it answers. */
  const apply = (name: string, body: Record<string, unknown>): string | { count: number } | undefined => {
    const unknown = Object.keys(body).filter((key) => !KEYS[name]?.includes(key));
    if (unknown.length) return `Unknown key ${unknown.join(', ')}; /${name} takes ${KEYS[name]?.join(', ') || 'none'}.`;
    switch (name) {
      case 'reset':
        actions.resetAll();
        return;
      case 'user-info':
        if (typeof body.value != 'boolean') return 'value must be true or false.';
        knobs.userInfo = body.value;
        return;
      case 'expire-tokens': {
        const match = matchOf(body);
        if (typeof match == 'string') return match;
        if (body.refresh_tokens !== undefined && typeof body.refresh_tokens != 'boolean')
          return 'refresh_tokens must be true or false.';
        return { count: actions.expireTokens(match, body.refresh_tokens === true) };
      }
      case 'revoke-tokens': {
        const match = matchOf(body);
        return typeof match == 'string' ? match : { count: actions.revokeTokens(match) };
      }
      case 'fail-next-request': {
        const [error = 'server_error', description, endpoint] = ['error', 'error_description', 'endpoint'].map(
          (key) => body[key],
        );
        if ([error, description, endpoint].some((value) => value !== undefined && typeof value != 'string'))
          return 'error, error_description and endpoint must be strings.';
        const wanted = {
          error: error as string,
          ...(description !== undefined && { errorDescription: description as string }),
          ...(endpoint !== undefined && { endpoint: endpoint as MockEndpoint }),
        };
        const problem = forcedProblem(wanted);
        if (!problem) forced = wanted;
        return problem;
      }
      case 'delay': {
        const problem = delayProblem(body.ms);
        if (!problem) knobs.delayMs = body.ms as number;
        return problem;
      }
      case 'auto-approve': {
        const value = body.value ?? true;
        if (typeof value != 'boolean' && (typeof value != 'string' || !value || value.length > 320))
          return 'value must be true, false or the email address of an account.';
        knobs.autoApprove = value;
        return;
      }
      case 'iss-parameter': {
        const value = body.value;
        if (typeof value != 'string' || !value || value.length > 2000)
          return 'value must be "send", "omit" or the issuer to send instead.';
        knobs.issParameter = value;
        return;
      }
      case 'advance-clock': {
        const problem = advanceProblem(body.seconds);
        if (!problem) knobs.clockOffsetMs += (body.seconds as number) * 1000;
        return problem;
      }
    }
    return `Unknown knob /${name}.`;
  };

  const knobs: Knobs = {
    delayMs: 0,
    autoApprove: false,
    clockOffsetMs: 0,
    issParameter: 'send',
    userInfo: true,
    issParameterFor: (issuer) =>
      knobs.issParameter == 'send' ? issuer : knobs.issParameter == 'omit' ? undefined : knobs.issParameter,
    failNextRequest: (error) => {
      check(forcedProblem(error));
      forced = { ...error };
    },
    setDelay: (ms) => {
      check(delayProblem(ms));
      knobs.delayMs = ms;
    },
    advanceClock: (seconds) => {
      check(advanceProblem(seconds));
      knobs.clockOffsetMs += seconds * 1000;
    },
    takeForced: (endpoint) => {
      if (!forced || (forced.endpoint && forced.endpoint != endpoint)) return undefined;
      const taken = forced;
      forced = undefined;
      log(`forced error on ${endpoint}: ${taken.error}`);
      return taken;
    },
    /**
     * `POST /reset`, `/fail-next-request`, `/delay`, `/auto-approve`, `/advance-clock`,
     * `/iss-parameter`, `/user-info`, `/expire-tokens`, `/revoke-tokens`
     * with a JSON body (`{"ms": 300}`): the same knobs as the methods, for tests in
     * another process. A web page the developer visits must not reach them: a
     * cross-site request with `Content-Type: application/json` needs a CORS
     * preflight, which gets no CORS answer here, and a form or a `no-cors` fetch
     * cannot send that type; a request naming another site in `Origin` is refused too.
     */
    handle: async (req, res, name, ownOrigin) => {
      const refuse = (status: number, description: string, headers: Record<string, string> = {}) => {
        req.resume();
        log(`knob /${name} refused: ${description}`);
        sendJson(res, status, { error: 'invalid_request', error_description: description }, headers);
      };
      if (req.method != 'POST') return refuse(405, 'Use POST with a JSON body.', { Allow: 'POST' });
      const origin = req.headers.origin;
      if (origin !== undefined && !ownOrigin(origin))
        return refuse(403, `The test knobs do not take requests from other sites (Origin ${origin}).`);
      const type = (req.headers['content-type'] ?? '').replace(/;.*/s, '').trim().toLowerCase();
      if (type != 'application/json') return refuse(415, 'Send the knob as Content-Type: application/json.');
      const read = await readBody(req, 4096);
      if (!read.ok) return refuse(413, 'The body is larger than 4096 bytes.');
      let body: unknown;
      try {
        // An empty body is `{}`: `/reset` needs nothing else.
        body = read.text.trim() ? JSON.parse(read.text) : {};
      } catch {
        return refuse(400, 'The body is not valid JSON.');
      }
      if (typeof body != 'object' || body === null || Array.isArray(body))
        return refuse(400, 'The body must be a JSON object, e.g. {"ms": 300}.');
      const outcome = apply(name, body as Record<string, unknown>);
      if (typeof outcome == 'string') return refuse(400, outcome);
      sendJson(res, 200, { ok: true, ...outcome });
    },
    reset: () => {
      knobs.delayMs = options.delayMs ?? 0;
      knobs.autoApprove = options.autoApprove ?? false;
      knobs.clockOffsetMs = 0;
      knobs.issParameter = options.issParameter ?? (options.profile ? 'omit' : 'send');
      knobs.userInfo = options.userInfo ?? options.profile != 'ultracart';
      forced = undefined;
    },
  };
  return knobs;
};
