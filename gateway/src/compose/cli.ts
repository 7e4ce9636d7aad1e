import { writeFileSync } from 'node:fs';
import { createLogger } from '@bodega/logger';
import { SUBGRAPHS, SUPERGRAPH_PATH } from '../subgraphs';
import { composeSupergraph } from './compose';

const log = createLogger('compose');
try {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph(SUBGRAPHS));
  log.info({ path: SUPERGRAPH_PATH, subgraphs: SUBGRAPHS.map((s) => s.name) }, 'supergraph written');
} catch (error) {
  log.error({ err: error }, 'composition failed');
  process.exitCode = 1;
}
