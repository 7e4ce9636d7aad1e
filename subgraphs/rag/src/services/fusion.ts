/** One leg's ranking: ids best first. */
export type Ranking<Id> = readonly Id[];

export interface Fused<Id> {
  id: Id;
  /** Sum over the legs of 1 / (k + rank), rank from 1. */
  score: number;
  /** Rank in each leg (1-based), null where the leg did not return it. */
  ranks: Array<number | null>;
}

/**
 * Reciprocal rank fusion (Cormack et al. 2009): each leg votes 1 / (k + rank) for what it found, so
 * agreement counts and a leg's raw scores (ts_rank_cd, cosine) need no common scale. Duplicates
 * within a leg count once, at their best rank. Ties keep the order of the first leg.
 */
export function reciprocalRankFusion<Id>(rankings: ReadonlyArray<Ranking<Id>>, k = 60): Fused<Id>[] {
  const fused = new Map<Id, Fused<Id>>();
  rankings.forEach((ranking, leg) => {
    const seen = new Set<Id>();
    ranking.forEach((id, index) => {
      if (seen.has(id)) return;
      seen.add(id);
      let entry = fused.get(id);
      if (!entry) {
        entry = { id, score: 0, ranks: rankings.map(() => null) };
        fused.set(id, entry);
      }
      entry.score += 1 / (k + index + 1);
      entry.ranks[leg] = index + 1;
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
