export interface MoneyValue {
  amount: string;
  currencyCode: string;
}

export function formatMoney(money: MoneyValue | null | undefined): string {
  if (!money) return '—';
  const amount = Number(money.amount);
  if (!Number.isFinite(amount)) return `${money.amount} ${money.currencyCode}`;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currencyCode }).format(amount);
  } catch {
    return `${money.amount} ${money.currencyCode}`;
  }
}

export function Money({ value }: { value: MoneyValue | null | undefined }) {
  return <span className="money">{formatMoney(value)}</span>;
}
