/** The currencies the forms offer; the API takes any ISO 4217 code. */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

/** Keywords as typed ("beans, arabica") to the list the API takes. */
export function parseKeywords(text: string): string[] {
  return text
    .split(',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);
}
