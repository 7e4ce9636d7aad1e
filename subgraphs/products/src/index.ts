export { startProductsSubgraph, createApollo, typeDefs } from './server';
export type { Deps as ProductsDeps, Context as ProductsContext } from './context';
