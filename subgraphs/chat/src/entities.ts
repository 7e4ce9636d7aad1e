/** Another subgraph's entity (User, Order, Document) as this subgraph knows it: by its key. */
export interface EntityRef {
  id: string;
}
