import { assess } from '../src/enrichment/assessment';
import { quotesTaxonomy } from '../src/enrichment/task';
import { tuningExamples } from '../src/taxonomy/bank';
import { Categoriser } from '../src/taxonomy/categoriser';
import { confidenceModel } from '../src/taxonomy/confidence';
import { TaxonomyIndex } from '../src/taxonomy';
import { taxonomyNodes } from './support/taxonomy';

const categoriser = new Categoriser(TaxonomyIndex.build(taxonomyNodes()), tuningExamples());
const tea = categoriser.rank({ name: 'Organic green tea 100 bags', keywords: ['tea bags'] });

describe('assessing a category', () => {
  it('gives the local choice its calibrated confidence and the three likeliest categories, best first', () => {
    const result = assess(tea, tea.candidates[0]!.id, false);

    expect(result.confidence).toBeGreaterThan(0.9);
    expect(result.suggestions).toHaveLength(3);
    expect(result.suggestions[0]).toEqual({ categoryId: tea.candidates[0]!.id, score: result.confidence });
    expect(result.suggestions.map((s) => s.score)).toEqual([...result.suggestions.map((s) => s.score)].sort((a, b) => b - a));
    expect(result.needsReview).toBe(false);
  });

  it('needs review when no category was chosen', () => {
    expect(assess(tea, null, false)).toMatchObject({ confidence: null, needsReview: true });
  });

  it('trusts a language model that agrees with the evidence more than one that does not', () => {
    const agreeing = assess(tea, tea.candidates[0]!.id, true);
    const disagreeing = assess(tea, tea.candidates.at(-1)!.id, true);

    expect(agreeing.confidence!).toBeGreaterThanOrEqual(assess(tea, tea.candidates[0]!.id, false).confidence!);
    expect(disagreeing.confidence!).toBeLessThan(agreeing.confidence!);
    expect(disagreeing.needsReview).toBe(true);
  });

  it('takes a model’s choice the local evidence hardly separates as likely', () => {
    const vague = categoriser.rank({ name: 'Handmade sock monkey', keywords: [] });
    const second = vague.candidates[1]!.id;

    expect(assess(vague, second, true).confidence!).toBeGreaterThan(assess(vague, second, false).confidence!);
  });

  it('marks for review below the calibrated threshold', () => {
    const threshold = confidenceModel().reviewThreshold;

    expect(assess(tea, tea.candidates[0]!.id, false, { reviewThreshold: 0.999 }).needsReview).toBe(true);
    expect(threshold).toBeGreaterThan(0.5);
    expect(threshold).toBeLessThan(1);
  });
});

describe('descriptions', () => {
  const input = { candidates: [{ id: 1868, name: 'Coffee', path: 'Food, Beverages & Tobacco > Beverages > Coffee', score: 1 }], category: null };

  it('refuse the taxonomy path, whole or in steps', () => {
    expect(quotesTaxonomy('Great coffee. Food, Beverages & Tobacco > Beverages > Coffee.', input)).toBe(true);
    expect(quotesTaxonomy('Filed under Beverages > Coffee.', input)).toBe(true);
    expect(quotesTaxonomy('A > B > C', input)).toBe(true);
    expect(quotesTaxonomy('Rich whole-bean coffee for espresso.', input)).toBe(false);
  });
});
