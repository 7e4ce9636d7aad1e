import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MinutePoint } from './sales-per-minute';

/** Units sold (bars) and orders placed (line) per minute. */
export function SalesChart({ points }: { points: MinutePoint[] }) {
  const units = points.reduce((sum, p) => sum + p.units, 0);
  const orders = points.reduce((sum, p) => sum + p.orders, 0);
  return (
    <figure className="chart" aria-labelledby="sales-chart-caption">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={points} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval="preserveStartEnd" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="units" name="Units sold" fill="#2f6f4f" isAnimationActive={false} />
          <Line dataKey="orders" name="Orders placed" stroke="#c05621" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption id="sales-chart-caption">
        Sales per minute, last {points.length} minutes: {units} units sold, {orders} orders placed.
      </figcaption>
    </figure>
  );
}
