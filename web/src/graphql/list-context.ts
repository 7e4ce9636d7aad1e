/**
 * urql's document cache refetches a query when a mutation returns a type the query's result
 * holds; an empty list holds none, so lists name their type up front.
 */
export const PRODUCT_LIST_CONTEXT = { additionalTypenames: ['Product'] };
export const ORDER_LIST_CONTEXT = { additionalTypenames: ['Order'] };
export const ALERT_LIST_CONTEXT = { additionalTypenames: ['StockAlert'] };
