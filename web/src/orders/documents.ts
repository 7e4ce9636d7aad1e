import { graphql } from '../graphql/generated';

export const OrderSummaryFragment = graphql(`
  fragment OrderSummary on Order {
    id
    number
    status
    createdAt
    updatedAt
    total {
      amount
      currencyCode
    }
    customer {
      id
      email
      name
    }
    items {
      quantity
      unitPrice {
        amount
        currencyCode
      }
      product {
        id
        name
      }
    }
  }
`);

/** STAFF/ADMIN: every order's events; a customer: their own. */
export const OrderEventsSubscription = graphql(`
  subscription OrderEvents {
    orderEvent {
      type
      previousStatus
      occurredAt
      order {
        ...OrderSummary
      }
    }
  }
`);

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      ...OrderSummary
    }
  }
`);

export const SetOrderStatusMutation = graphql(`
  mutation SetOrderStatus($id: ID!, $status: OrderStatus!) {
    setOrderStatus(id: $id, status: $status) {
      ...OrderSummary
    }
  }
`);
