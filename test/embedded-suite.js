// The service tests that also run on the embedded default (jest project `embedded`): every
// subgraph through the gateway, the subscription paths, and the embedded server itself. The rest
// run on Postgres only (migrations, the test-database helpers and a few load-shaped tests need
// a real server; the whole suite passes on PGlite too: BODEGA_EMBEDDED_ALL=1 npm run test:jest -- --selectProjects embedded).
module.exports = [
  'packages/db/test/embedded.test.ts',
  'gateway/test/contract-accounts.test.ts',
  'gateway/test/contract-products.test.ts',
  'gateway/test/contract-alerts.test.ts',
  'gateway/test/contract-rag.test.ts',
  'subgraphs/accounts/test/sessions.test.ts',
  'subgraphs/products/test/stock.test.ts',
  'subgraphs/orders/test/place-order.test.ts',
  'subgraphs/orders/test/status.test.ts',
  'subgraphs/orders/test/order-events.test.ts',
  'subgraphs/chat/test/conversations.test.ts',
  'gateway/test/subscriptions/stock-changed-contract.test.ts',
  'gateway/test/subscriptions/shared-subscriptions.test.ts',
].map((path) => `<rootDir>/${path}`);
