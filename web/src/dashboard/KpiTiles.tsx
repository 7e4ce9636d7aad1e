import { formatMoney, type MoneyValue } from '../components/Money';

export interface Figures {
  revenue: MoneyValue;
  orders: number;
  averageOrderValue: MoneyValue;
  units: number;
}

/** "+12 %", "−40 %", "new" (nothing before) or "no change", against the period before. */
export function change(current: number, previous: number): string {
  if (current === previous) return 'no change';
  if (previous === 0) return 'new';
  const percent = Math.round(((current - previous) / previous) * 100);
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent)} %`;
}

interface Tile {
  label: string;
  value: string;
  previous: string;
  trend: string;
}

function tiles(current: Figures, previous: Figures): Tile[] {
  const money = (value: MoneyValue) => formatMoney(value);
  return [
    { label: 'Revenue', value: money(current.revenue), previous: money(previous.revenue), trend: change(Number(current.revenue.amount), Number(previous.revenue.amount)) },
    { label: 'Orders', value: String(current.orders), previous: String(previous.orders), trend: change(current.orders, previous.orders) },
    {
      label: 'Average order value',
      value: money(current.averageOrderValue),
      previous: money(previous.averageOrderValue),
      trend: change(Number(current.averageOrderValue.amount), Number(previous.averageOrderValue.amount)),
    },
    { label: 'Units', value: String(current.units), previous: String(previous.units), trend: change(current.units, previous.units) },
  ];
}

/** The range's figures, each against the period of the same length before it. */
export function KpiTiles({ current, previous, periodLabel }: { current: Figures; previous: Figures; periodLabel: string }) {
  return (
    <ul className="kpi-tiles" aria-label="Key figures">
      {tiles(current, previous).map((tile) => (
        <li key={tile.label} className="card kpi" data-testid="kpi">
          <span className="kpi-label">{tile.label}</span>
          <strong className="kpi-value">{tile.value}</strong>
          <span className="kpi-trend muted small">
            {tile.trend} vs previous {periodLabel} ({tile.previous})
          </span>
        </li>
      ))}
    </ul>
  );
}
