// Reproductions of what the server-bound sign-in still does wrong where partners run it, each in a
// project made from the packed tarball with Express 5 and with Express 4. They fail on today's
// server and are not part of `npm test` until they pass; when one does, it moves to
// test/recipes/express.test.js. Run: node --test test/recipes/reproductions/
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXPRESS, useExpressProject } from '../express-partner.js';
import { send } from '../harness.js';

for (const [express, dependency] of Object.entries(EXPRESS))
  describe(express, () => {
    const { serve } = useExpressProject(dependency);

    test('a signed-out request to a requireAccessToken route gets JSON 401 login_required, and the process lives', async () => {
      const app = await serve('api-route.js');
      const response = await send(`${app.url}/api/orders`);
      assert.equal(response.status, 401, response.body.slice(0, 300));
      assert.match(response.headers['content-type'], /^application\/json/);
      assert.equal(JSON.parse(response.body).error, 'login_required');
      assert.equal((await send(`${app.url}/auth/session`)).status, 200, 'still answering');
    });
  });
