import { runService } from '@bodega/composition';

// The products subgraph as its own process (docker-compose); `npm start` runs it beside the others.
runService('products');
