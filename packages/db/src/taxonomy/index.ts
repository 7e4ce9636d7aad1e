export { parseTaxonomy, type TaxonomyCategory } from './parse';
export { loadTaxonomy, type LoadTaxonomyOptions, type LoadTaxonomyResult } from './load';
