import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context.js';
import { sendJson } from './http.js';
import type { Issuer } from './issuers.js';
import type { MockProfile } from './profiles.js';
import type { BearerCheck } from './resources.js';

/** An API resource below the profile's base path: its path pattern and what it answers. */
interface ApiRoute {
  pattern: RegExp;
  run(req: IncomingMessage, res: ServerResponse, issuer: Issuer, match: RegExpExecArray): void;
}

/**
 * The providers' REST APIs as the mock plays them (`profile`), behind a Bearer
 * token. In reality each has many resources; in this mock each has one that
 * lists the user's orders, with made-up orders, enough for a partner's API call
 * end to end (the user itself is `/v1/me`, in `resources.ts`).
 */
export const createApiEndpoints = (context: Context, profile: MockProfile, bearer: BearerCheck) => {
  const { log } = context;

  /**
   * Ulule: `GET /v1/users/{id}/orders`, for the token's own user only. The
   * shape (`orders` and a `meta` page) follows Ulule's API; the orders are the mock's.
   */
  const ululeOrders: ApiRoute = {
    pattern: /^\/users\/(\d+)\/orders\/?$/,
    run: (req, res, issuer, match) => {
      const found = bearer(req, res, issuer, ['GET'], 'api');
      if (!found) return;
      if (found.user.id != match[1])
        return sendJson(res, 403, {
          error: 'forbidden',
          error_description: "This token may read its own user's orders only.",
        });
      const orders = [
        { id: 1000 + Number(found.user.id), status: 'payment-done', order_total: '25.00', currency: 'EUR' },
      ];
      sendJson(res, 200, {
        meta: { limit: 20, offset: 0, total_count: orders.length, next: null, previous: null },
        orders,
      });
    },
  };

  /**
   * UltraCart: `GET /rest/v2/order/orders` (the SDKs' `OrderApi.getOrders`),
   * the `success`/`orders` shape of UltraCart's answers; the orders are the mock's.
   */
  const ultracartOrders: ApiRoute = {
    pattern: /^\/order\/orders\/?$/,
    run: (req, res, issuer) => {
      const found = bearer(req, res, issuer, ['GET'], 'api');
      if (!found) return;
      const orders = [{ order_id: `DEMO-${found.user.id}`, current_stage: 'Completed Order', total: '25.00' }];
      sendJson(res, 200, { success: true, orders, metadata: { result_set: { count: orders.length } } });
    },
  };

  const routes = profile.name == 'ulule' ? [ululeOrders] : [ultracartOrders];

  /** The answer for a path below the API's base, or false when the API has nothing there. */
  return (req: IncomingMessage, res: ServerResponse, issuer: Issuer, path: string): boolean => {
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const required = profile.requiredApiHeader;
      if (required && req.headers[required.name.toLowerCase()] !== required.value) {
        // The mock's own strictness (UltraCart does not document the header as required):
        // a partner's call that forgets it fails here, so a test shows that it is sent.
        req.resume();
        const message = `Send the header ${required.name}: ${required.value} with every API call.`;
        log(`api call without ${required.name}: ${path}`);
        sendJson(res, 400, { success: false, error: { developer_message: message, user_message: message } });
        return true;
      }
      route.run(req, res, issuer, match);
      return true;
    }
    return false;
  };
};
