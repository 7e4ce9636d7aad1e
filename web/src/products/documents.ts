import { graphql } from '../graphql/generated';

/** What the staff screens show of a product: the list row, the add form's result and the editor. */
export const ProductDetailsFragment = graphql(`
  fragment ProductDetails on Product {
    id
    name
    keywords
    description
    stock
    lowStockThreshold
    lowStock
    price {
      amount
      currencyCode
    }
    category {
      id
      name
      path
    }
    enrichment {
      status
      source
      error
    }
  }
`);

export const ProductListQuery = graphql(`
  query ProductList($first: Int, $after: String, $filter: ProductFilter) {
    products(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PagerPageInfo
      }
      edges {
        cursor
        node {
          id
          ...ProductDetails
        }
      }
    }
  }
`);

/** Every committed stock change of every product, in commit order per product. */
export const StockFeedSubscription = graphql(`
  subscription StockFeed {
    stockChanged {
      stock
      delta
      reason
      version
      occurredAt
      product {
        id
        name
        lowStockThreshold
      }
    }
  }
`);
