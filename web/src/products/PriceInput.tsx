import { useId } from 'react';
import { decimalSeparator, parsePrice, shopLocale } from './price';

/**
 * A price field that takes "12,50" or "12.50" by the shop's locale, says next to itself when what
 * was typed is not a price (aria-invalid, the message tied to the field), and leaves the rest to
 * the form. `error` is the server's message for this field, if any.
 */
export function PriceInput({ value, onChange, error, label = 'Price' }: { value: string; onChange(value: string): void; error?: string; label?: string }) {
  const id = useId();
  const locale = shopLocale();
  const example = `12${decimalSeparator(locale)}50`;
  const invalid = value.trim() !== '' && parsePrice(value, locale) === null;
  const message = invalid ? `Use a price such as ${example}: digits, and up to two after the ${decimalSeparator(locale) === ',' ? 'comma' : 'point'}.` : error;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        <input
        id={id}
        name="price"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        placeholder={example}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {message && (
        <span id={`${id}-error`} className="field-error">
          {message}
        </span>
      )}
    </div>
  );
}
