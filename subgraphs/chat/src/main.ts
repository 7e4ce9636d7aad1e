import { runService } from '@bodega/composition';

// The chat subgraph as its own process (docker-compose); `npm start` runs it beside the others.
runService('chat');
