import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface StockLevel {
  id: string;
  name: string;
  stock: number;
  threshold: number;
}

const NAME_CHARS = 22;
const shortName = (name: string) => (name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name);

/**
 * Stock against threshold for the products with the least stock, one row each: names on their own
 * axis never overprint, bars under the threshold are red, and a 0 still shows (its value is printed
 * and the bar keeps a sliver).
 */
export function StockChart({ levels }: { levels: StockLevel[] }) {
  const data = levels.map((level) => ({ ...level, label: shortName(level.name) }));
  return (
    <figure className="chart" aria-labelledby="stock-chart-caption">
      <ResponsiveContainer width="100%" height={Math.max(160, 44 * levels.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 10, right: 30, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip />
          <Legend />
          <Bar dataKey="stock" name="Stock" fill="#2b6cb0" minPointSize={3} isAnimationActive={false}>
            {data.map((level) => (
              <Cell key={level.id} fill={level.stock < level.threshold ? '#c53030' : '#2b6cb0'} />
            ))}
            <LabelList dataKey="stock" position="right" />
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
