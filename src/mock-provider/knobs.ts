import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http.js';
import type { Settings } from './context.js';
import type { ForcedError, MockEndpoint } from './types.js';

/**
 * The test knobs: what a test changes to make the provider slow, failing,
 * impatient or older. "In reality" the network and the user decide these.
 */
export interface Knobs {
  delayMs: number;
  autoApprove: boolean | string;
  clockOffsetMs: number;
  failNextRequest(error: ForcedError): void;
  /** Takes the forced error if it targets this endpoint. */
  takeForced(endpoint: MockEndpoint): ForcedError | undefined;
  /** The knobs over HTTP, for tests in another process. */
  handle(req: IncomingMessage, res: ServerResponse, name: string, query: URLSearchParams): void;
  reset(): void;
}

/** The paths of the knobs over HTTP. */
export const KNOB_PATH = /^\/(reset|fail-next-request|delay|auto-approve|advance-clock)\/?$/;

/** `resetAll` resets the whole provider (the `/reset` knob), not only the knobs. */
export const createKnobs = (settings: Settings, resetAll: () => void): Knobs => {
  const { options, log } = settings;
  let forced: ForcedError | undefined;

  const knobs: Knobs = {
    delayMs: 0,
    autoApprove: false,
    clockOffsetMs: 0,
    failNextRequest: (error) => {
      forced = { ...error };
    },
    takeForced: (endpoint) => {
      if (!forced || (forced.endpoint && forced.endpoint != endpoint)) return undefined;
      const taken = forced;
      forced = undefined;
      log(`forced error on ${endpoint}: ${taken.error}`);
      return taken;
    },
    /**
     * `POST /reset`, `/fail-next-request?error=…`, `/delay?ms=…`,
     * `/auto-approve?value=true|false|<email>`, `/advance-clock?seconds=…`:
     * the same knobs as the methods, for tests in another process.
     */
    handle: (req, res, name, query) => {
      req.resume();
      if (req.method != 'POST')
        return sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST.' }, { Allow: 'POST' });
      const bad = (description: string) =>
        sendJson(res, 400, { error: 'invalid_request', error_description: description });
      switch (name) {
        case 'reset':
          resetAll();
          break;
        case 'fail-next-request': {
          const error = query.get('error') || 'server_error';
          const endpoint = query.get('endpoint') || undefined;
          if (endpoint && endpoint != 'authorize' && endpoint != 'token' && endpoint != 'userinfo')
            return bad('endpoint must be authorize, token or userinfo.');
          const description = query.get('error_description') || undefined;
          knobs.failNextRequest({
            error,
            ...(description && { errorDescription: description }),
            ...(endpoint && { endpoint: endpoint as MockEndpoint }),
          });
          break;
        }
        case 'delay': {
          const ms = Number(query.get('ms'));
          if (!(ms >= 0)) return bad('ms must be a number of milliseconds.');
          knobs.delayMs = ms;
          break;
        }
        case 'auto-approve': {
          const value = query.get('value') ?? 'true';
          knobs.autoApprove = value == 'true' ? true : value == 'false' ? false : value;
          break;
        }
        case 'advance-clock': {
          const seconds = Number(query.get('seconds'));
          if (!(seconds >= 0)) return bad('seconds must be a positive number.');
          knobs.clockOffsetMs += seconds * 1000;
          break;
        }
      }
      sendJson(res, 200, { ok: true });
    },
    reset: () => {
      knobs.delayMs = options.delayMs ?? 0;
      knobs.autoApprove = options.autoApprove ?? false;
      knobs.clockOffsetMs = 0;
      forced = undefined;
    },
  };
  return knobs;
};
