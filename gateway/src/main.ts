import { runService } from '@bodega/composition';

// The gateway as its own process (docker-compose); `npm start` runs it beside the subgraphs.
runService('gateway');
