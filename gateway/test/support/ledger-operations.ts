/**
 * The inventory ledger's and stock alerts' operations as the web app and third parties send them
 * (issue 17). Kept here until the shared contract (contract/operations.graphql, an exact copy of
 * shared/contract) takes them; contract-ledger.test.ts validates each against the composed API.
 */
export const LEDGER_OPERATIONS = {
  AdjustStock: `mutation AdjustStock($id: ID!, $delta: Int!, $reason: StockAdjustmentReason!, $note: String) {
  adjustStock(id: $id, delta: $delta, reason: $reason, note: $note) { id stock lowStock }
}`,
  StockMovements: `query StockMovements($id: ID!, $first: Int, $after: String) {
  product(id: $id) {
    id
    stock
    stockMovements(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id delta reason stock version orderId note occurredAt changedBy { id } } }
    }
  }
}`,
  UpdateThreshold: `mutation UpdateThreshold($id: ID!, $threshold: Int!) {
  updateProduct(id: $id, input: { lowStockThreshold: $threshold }) { id stock lowStockThreshold lowStock }
}`,
  OpenAlerts: `query OpenAlerts($productId: ID, $open: Boolean, $kind: StockAlertKind) {
  stockAlerts(first: 50, filter: { productId: $productId, open: $open, kind: $kind }) {
    edges { node { id kind open resolvedAt stock threshold delivery { status attempts } product { id } } }
  }
}`,
  StockAlertUpdated: `subscription StockAlertUpdated {
  stockAlertUpdated { id kind open resolvedAt stock delivery { status } product { id stock } }
}`,
  ArchiveProduct: `mutation ArchiveProduct($id: ID!) { archiveProduct(id: $id) { id archivedAt } }`,
  UnarchiveProduct: `mutation UnarchiveProduct($id: ID!) { unarchiveProduct(id: $id) { id archivedAt } }`,
} as const;

export type LedgerOperation = keyof typeof LEDGER_OPERATIONS;
