// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Call the provider's API", the page; test/e2e/readme-api.api.spec.ts runs it against the UltraCart server.
// #region readme
// The connected store's orders, through the proxy: the session cookie goes along, the token never.
const response = await fetch('/auth/api/ultracart/order/orders', { headers: { 'OAuth-Connect': '1' } });
const { orders } = (await response.json()) as { orders: { order_id: string }[] };

// "Disconnect this store everywhere": ends the application for the whole UltraCart account.
await fetch('/auth/logout', {
  method: 'POST',
  headers: { 'OAuth-Connect': '1', 'Content-Type': 'application/json' },
  body: JSON.stringify({ provider: 'ultracart', revoke: 'application' }),
});
// #endregion readme
export { orders };
