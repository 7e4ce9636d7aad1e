import { decimalSeparator, formatPriceInput, parsePrice } from './price';

describe('prices as typed, by the shop locale', () => {
  it.each([
    ['12,50', 'de-DE', '12.50'],
    ['12.50', 'de-DE', '12.50'],
    ['1.234,5', 'de-DE', '1234.50'],
    ['1 234,56', 'fr-FR', '1234.56'],
    ['12.50', 'en-GB', '12.50'],
    ['12,50', 'en-GB', '12.50'],
    ['1,234.50', 'en-US', '1234.50'],
    ['7', 'de-DE', '7.00'],
    ['0,5', 'nl-NL', '0.50'],
  ])('reads %s in %s as %s', (typed, locale, amount) => {
    expect(parsePrice(typed, locale)).toBe(amount);
  });

  it.each([['12,345', 'de-DE'], ['1,2,3', 'en-GB'], ['abc', 'de-DE'], ['-3', 'en-GB'], ['12.5.0', 'en-GB'], ['1.23,4.5', 'de-DE']])('refuses %s in %s', (typed, locale) => {
    expect(parsePrice(typed, locale)).toBeNull();
  });

  it('writes an amount back with the locale decimal separator', () => {
    expect(decimalSeparator('de-DE')).toBe(',');
    expect(formatPriceInput('12.50', 'de-DE')).toBe('12,50');
    expect(formatPriceInput('12.50', 'en-GB')).toBe('12.50');
  });
});
