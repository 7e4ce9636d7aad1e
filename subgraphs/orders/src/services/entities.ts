/** Another subgraph's entity (Product, User) as this subgraph knows it: by its key. */
export interface EntityRef {
  id: string;
}
