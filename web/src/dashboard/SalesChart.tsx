import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface SalesPoint {
  label: string;
  units: number;
  orders: number;
}

/** Units sold (bars) and orders placed (line) per bucket of the range. */
export function SalesChart({ points, bucket, span }: { points: SalesPoint[]; bucket: string; span: string }) {
  const units = points.reduce((sum, p) => sum + p.units, 0);
  const orders = points.reduce((sum, p) => sum + p.orders, 0);
  return (
    <figure className="chart" aria-labelledby="sales-chart-caption">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={points} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="units" name="Units sold" fill="#2f6f4f" isAnimationActive={false} />
          <Line dataKey="orders" name="Orders placed" stroke="#c05621" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption id="sales-chart-caption">
        Sales per {bucket}, last {span}: {units} units sold, {orders} orders placed.
      </figcaption>
    </figure>
  );
}
