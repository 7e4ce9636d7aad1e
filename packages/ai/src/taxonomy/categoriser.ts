import { ExampleIndex, type LabelledExample, type Neighbour } from './examples';
import { candidate, type CategoryCandidate, type TaxonomyIndex } from './index';
import type { ProductText } from './query';

/** How the evidence is weighed (fitted on the tuning sets; see the README's "AI enrichment"). */
export interface RankingWeights {
  /** What the nearest labelled examples' votes weigh, next to the best lexical match (1). */
  votes: number;
  /** How many nearest examples vote. */
  neighbours: number;
  /** Examples less alike than this (cosine) do not vote. */
  minSimilarity: number;
  /** Share of a vote that also goes to the other categories of the voted category's family (same third level). */
  familyVote: number;
  /** Boost for branches shops sell most in (where the labelled examples are), up to 1 + prior. */
  prior: number;
  /**
   * What a near copy of a labelled example adds for its category, on top of its vote: a neighbour
   * `closeFrom` alike adds nothing, one identical adds `closeVote` (linear between).
   */
  closeVote: number;
  closeFrom: number;
  /** How alike an example with another head noun must be to vote, when nothing else is known. */
  looseSimilarity: number;
  /** The votes count this many times more when no category name or shop word knows the head noun. */
  unknownHeadVotes: number;
}

export const DEFAULT_RANKING: RankingWeights = { votes: 0.2, neighbours: 5, minSimilarity: 0.5, familyVote: 0.3, prior: 0.3, closeVote: 0.8, closeFrom: 0.6, looseSimilarity: 0.2, unknownHeadVotes: 5 };

/** What the evidence for the first candidate looks like: the inputs of the confidence model. */
export interface RankingFeatures {
  /** How far ahead the first candidate is: (first − second) / first, 0..1. */
  margin: number;
  /** The first candidate's lexical evidence relative to the best lexical match (1 when it is the best). */
  lexicalShare: number;
  /** How strongly the product's head noun is one of the first candidate's (0..1). */
  headMatch: number;
  /** Share of the nearest examples' votes that went to the first candidate (0 when none voted). */
  voteShare: number;
  /** Share of the ten best candidates' evidence under the first candidate's top-level category. */
  topLevelShare: number;
  /** The same under its second-level category. */
  branchShare: number;
  /** 1 when any category name matched the product's words, else 0. */
  matched: number;
  /** Share of the name's main words (idf-weighted) that the first candidate's path holds. */
  explained: number;
  /** 1 when the head noun is a word the taxonomy or the shop words know, else 0. */
  headKnown: number;
}

/** The categories a product may belong to, best first, with what decided it. */
export interface Ranking {
  candidates: CategoryCandidate[];
  features: RankingFeatures;
  /** The nearest labelled examples that voted. */
  neighbours: Neighbour[];
}

const NO_EVIDENCE: RankingFeatures = {
  margin: 0, lexicalShare: 0, headMatch: 0, voteShare: 0, topLevelShare: 0, branchShare: 0, matched: 0, explained: 0, headKnown: 0,
};

/**
 * Chooses categories from two kinds of evidence: the words of the product against the taxonomy's
 * category names (TaxonomyIndex), and the categories people chose for the most similar labelled
 * products (ExampleIndex), with branches shops sell most in preferred. Deterministic and in memory.
 */
export class Categoriser {
  private readonly examples: ExampleIndex | null;
  /** Branch id → log(1 + how many labelled examples are in it). */
  private readonly commonness = new Map<number, number>();
  private mostCommon = 1;

  constructor(
    readonly index: TaxonomyIndex,
    examples: readonly LabelledExample[] = [],
    private readonly weights: RankingWeights = DEFAULT_RANKING,
  ) {
    const known = examples.filter((example) => index.get(example.categoryId) !== undefined);
    this.examples = known.length ? new ExampleIndex(known) : null;
    // How often people chose categories in each branch, at the second, third and fourth level.
    const counts = new Map<number, number>();
    for (const example of known) {
      for (const depth of [1, 2, 3]) {
        const branch = index.ancestorAt(example.categoryId, depth)?.id;
        if (branch !== undefined) counts.set(branch, (counts.get(branch) ?? 0) + 1);
      }
    }
    for (const [branch, count] of counts) this.commonness.set(branch, Math.log1p(count));
    this.mostCommon = Math.max(1, ...this.commonness.values());
  }

  /** 0..1: how much the labelled examples use the category's branches (deeper ones count more). */
  private prior(id: number): number {
    let total = 0;
    let weight = 0;
    for (const depth of [1, 2, 3]) {
      const branch = this.index.ancestorAt(id, depth)?.id;
      if (branch === undefined) continue;
      total += depth * (this.commonness.get(branch) ?? 0);
      weight += depth;
    }
    return weight ? total / weight / this.mostCommon : 0;
  }

  rank(product: ProductText, limit = 15): Ranking {
    const { index, weights } = this;
    const query = index.query(product);
    const lexical = index.match(query);
    const bestLexical = lexical.reduce((best, match) => Math.max(best, match.score), 0);
    let neighbours = this.examples?.nearest(product.name, product.keywords, weights.neighbours, weights.minSimilarity) ?? [];
    // No category name and no example with its head noun: the examples sharing its other words
    // ("Mozzarella 125 g (italian)" with "Italian pasta sauce") are a better guess than none.
    if (lexical.length === 0 && neighbours.length === 0 && this.examples) {
      neighbours = this.examples.nearest(product.name, product.keywords, weights.neighbours, weights.looseSimilarity, false);
    }
    const votes = new Map<number, number>();
    const close = new Map<number, number>();
    const titleWords = new Set(query.nameTokens).size;
    let totalVotes = 0;
    for (const { example, similarity, shared } of neighbours) {
      votes.set(example.categoryId, (votes.get(example.categoryId) ?? 0) + similarity);
      totalVotes += similarity;
      // A near copy shares more than the head noun ("Magnesium tablets" is no copy of "Dishwasher
      // tablets"), or all of a one-word title ("A4 envelopes" of "Envelopes C5, 100 pcs").
      if (similarity > weights.closeFrom && shared >= Math.min(2, titleWords)) {
        const nearness = (similarity - weights.closeFrom) / (1 - weights.closeFrom);
        close.set(example.categoryId, Math.max(close.get(example.categoryId) ?? 0, nearness));
      }
    }

    const byId = new Map(lexical.map((match) => [match.id, match]));
    const ids = new Set([...byId.keys(), ...votes.keys()]);
    if (ids.size === 0) {
      return { candidates: index.roots().slice(0, limit).map((node) => candidate(node, 0)), features: NO_EVIDENCE, neighbours };
    }
    const familyOf = (id: number) => {
      const node = index.get(id)!;
      return index.ancestorAt(id, Math.min(node.depth, 2))!.id;
    };
    // When the taxonomy and the shop words do not know the head noun, the category names matched only
    // modifiers; the examples with that head noun say more.
    const headUnknown = ![...query.heads.keys()].some((token) => index.knows(token));
    const voteWeight = weights.votes * (headUnknown ? weights.unknownHeadVotes : 1);
    const scored = [...ids].map((id) => {
      const lexicalShare = bestLexical > 0 ? (byId.get(id)?.score ?? 0) / bestLexical : 0;
      let vote = votes.get(id) ?? 0;
      if (totalVotes > 0) {
        const family = familyOf(id);
        for (const [voted, value] of votes) if (voted !== id && familyOf(voted) === family) vote += weights.familyVote * value;
      }
      const voteShare = totalVotes > 0 ? vote / totalVotes : 0;
      const prior = 1 + weights.prior * this.prior(id);
      return { id, score: (lexicalShare + voteWeight * voteShare + weights.closeVote * (close.get(id) ?? 0)) * prior, lexicalShare, voteShare };
    });
    const ordered = index.ordered(scored);
    const best = ordered[0]!;
    const shareUnder = (depth: number) => {
      const branch = index.ancestorAt(best.id, depth)?.id;
      const top = ordered.slice(0, 10);
      const total = top.reduce((sum, entry) => sum + entry.score, 0);
      const under = top.filter((entry) => branch !== undefined && index.ancestorAt(entry.id, depth)?.id === branch);
      return total > 0 ? under.reduce((sum, entry) => sum + entry.score, 0) / total : 0;
    };
    const second = ordered[1]?.score ?? 0;
    return {
      candidates: ordered.slice(0, limit).map((entry) => candidate(index.get(entry.id)!, entry.score)),
      features: {
        margin: best.score > 0 ? (best.score - second) / best.score : 0,
        lexicalShare: best.lexicalShare,
        headMatch: byId.get(best.id)?.headMatch ?? 0,
        voteShare: best.voteShare,
        topLevelShare: shareUnder(0),
        branchShare: shareUnder(1),
        matched: byId.size > 0 ? 1 : 0,
        ...index.explanation(query, best.id),
      },
      neighbours,
    };
  }
}
