/** Retrieval metrics over the rank of the first relevant result (1-based; null: not in the results). */
export interface RetrievalScores {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  ndcgAt5: number;
}

/**
 * recall@k: share of questions with a relevant result in the first k (LlamaIndex's hit rate);
 * MRR: mean of 1 / rank over the first 10 results; nDCG@5 with one relevant item per question:
 * 1 / log2(1 + rank) when rank ≤ 5.
 */
export function retrievalScores(ranks: ReadonlyArray<number | null>): RetrievalScores {
  const n = ranks.length || 1;
  const within = (k: number) => ranks.filter((rank) => rank !== null && rank <= k).length / n;
  return {
    questions: ranks.length,
    recallAt1: within(1),
    recallAt5: within(5),
    mrr: ranks.reduce<number>((sum, rank) => sum + (rank !== null && rank <= 10 ? 1 / rank : 0), 0) / n,
    ndcgAt5: ranks.reduce<number>((sum, rank) => sum + (rank !== null && rank <= 5 ? 1 / Math.log2(1 + rank) : 0), 0) / n,
  };
}
