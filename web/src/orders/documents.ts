import { graphql } from '../graphql/generated';

/**
 * An order as the order lists hold it: what merging live updates into a list compares, and what
 * its card shows (`OrderCard`).
 */
export const LiveOrderFragment = graphql(`
  fragment LiveOrder on Order {
    id
    status
    createdAt
    updatedAt
    ...OrderCard
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
        ...LiveOrder
      }
    }
  }
`);

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      ...LiveOrder
    }
  }
`);

export const SetOrderStatusMutation = graphql(`
  mutation SetOrderStatus($id: ID!, $status: OrderStatus!) {
    setOrderStatus(id: $id, status: $status) {
      ...LiveOrder
    }
  }
`);
