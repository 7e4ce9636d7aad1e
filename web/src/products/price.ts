/** The currencies the forms offer; the API takes any ISO 4217 code. */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

/** Keywords as typed ("beans, arabica") to the list the API takes. */
export function parseKeywords(text: string): string[] {
  return text
    .split(',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);
}

/** The shop's locale for numbers: the page's language, else the browser's. */
export function shopLocale(): string {
  return (typeof document !== 'undefined' && document.documentElement.lang) || (typeof navigator !== 'undefined' && navigator.language) || 'en';
}

/** The locale's decimal separator: "," for de-DE or fr-FR, "." for en-GB. */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/**
 * A price as typed to the API's decimal string ("12.50"), or null when it is not one. The locale's
 * decimal separator is the decimal and the other one groups thousands ("1.234,50" in de-DE,
 * "1,234.50" in en-GB); a lone separator before one or two digits is the decimal whichever it is,
 * so "12,50" and "12.50" both work everywhere.
 */
export function parsePrice(text: string, locale: string = shopLocale()): string | null {
  const typed = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(typed)) return null;
  const decimal = decimalSeparator(locale);
  const group = decimal === ',' ? '.' : ',';
  let normal: string;
  const lone = /^\d+[.,]\d{1,2}$/.test(typed) && (typed.match(/[.,]/g) ?? []).length === 1;
  if (lone) normal = typed.replace(',', '.');
  else {
    const [whole, fraction, extra] = typed.split(decimal);
    if (extra !== undefined || !whole) return null;
    // Groups of three after the first: "1.234.567" in de-DE.
    const groups = whole.split(group);
    if (groups.length > 1 && (groups[0]!.length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
    normal = fraction === undefined ? groups.join('') : `${groups.join('')}.${fraction}`;
  }
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(normal);
  if (!match) return null;
  const [, units, cents = ''] = match;
  return `${BigInt(units!).toString()}.${cents.padEnd(2, '0')}`;
}

/** The API's "12.50" as the locale writes it ("12,50" in de-DE), for an input's value. */
export function formatPriceInput(amount: string, locale: string = shopLocale()): string {
  return amount.replace('.', decimalSeparator(locale));
}
