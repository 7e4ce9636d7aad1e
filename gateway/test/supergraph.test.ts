import { readFileSync } from 'node:fs';
import { composeSupergraph } from '../src/compose/compose';
import { SUBGRAPHS, SUPERGRAPH_PATH } from '../src/subgraphs';

describe('the committed supergraph', () => {
  it('is what composing the subgraphs gives today (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph(SUBGRAPHS));
  });
});
