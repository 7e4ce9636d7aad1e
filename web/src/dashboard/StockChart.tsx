import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface StockLevel {
  id: string;
  name: string;
  stock: number;
  threshold: number;
}

/** Stock against threshold for the products with the least stock; bars under the threshold are red. */
export function StockChart({ levels }: { levels: StockLevel[] }) {
  return (
    <figure className="chart" aria-labelledby="stock-chart-caption">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={levels} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="stock" name="Stock" fill="#2b6cb0" isAnimationActive={false}>
            {levels.map((level) => (
              <Cell key={level.id} fill={level.stock < level.threshold ? '#c53030' : '#2b6cb0'} />
            ))}
          </Bar>
          <Bar dataKey="threshold" name="Threshold" fill="#a0aec0" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption id="stock-chart-caption">
        Lowest stock:{' '}
        {levels.length === 0 ? 'no products yet' : levels.map((level) => `${level.name} ${level.stock}/${level.threshold}`).join(', ')}.
      </figcaption>
    </figure>
  );
}
