import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { formatClock } from '../../format/time';
import type { MetricSeries, SloWindow } from '../../types';
import { ChartFigure } from './ChartFigure';
import { useChartTheme } from './useChartTheme';

const LEVEL: Record<string, number> = { closed: 0, half_open: 1, 'half-open': 1, halfopen: 1, open: 2 };
const STATE_KEYS = ['closed', 'half_open', 'open'];

function pivot(points: MetricSeries['breakers']) {
  const names: string[] = [];
  const rows = new Map<number, Record<string, number | string>>();
  const latest = new Map<string, string>();
  for (const p of points) {
    if (!names.includes(p.name)) names.push(p.name);
    const row = rows.get(p.t) ?? { t: p.t };
    row[p.name] = LEVEL[String(p.state).toLowerCase()] ?? 0;
    rows.set(p.t, row);
    latest.set(p.name, String(p.state));
  }
  return { names, latest, rows: [...rows.values()].sort((a, b) => String(a.t).localeCompare(String(b.t))) };
}

export const BreakerChart = ({ data, window }: { data: MetricSeries['breakers']; window: SloWindow }) => {
  const translate = useTranslate();
  const c = useChartTheme();
  const { names, latest, rows } = useMemo(() => pivot(data), [data]);
  const stateName = (level: number) => translate(`mina.slo.breaker.${STATE_KEYS[level] ?? 'closed'}`);
  const summary = names
    .map(
      (n) =>
        `${n}: ${translate(`mina.slo.breaker.${(latest.get(n) ?? 'closed').replace('-', '_')}`, { _: latest.get(n) ?? '' })}`,
    )
    .join(', ');
  return (
    <ChartFigure
      id="breakers"
      title={translate('mina.slo.charts.breakers')}
      summary={summary || undefined}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke={c.grid} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: number) => formatClock(t, window)}
            stroke={c.axis}
            minTickGap={24}
          />
          <YAxis domain={[0, 2]} ticks={[0, 1, 2]} tickFormatter={stateName} stroke={c.axis} width={90} />
          <Tooltip
            labelFormatter={(t) => formatClock(String(t), '1h')}
            formatter={(v) => stateName(Number(v))}
            contentStyle={c.tooltip}
          />
          <Legend iconType="plainline" />
          {names.map((n, i) => (
            <Line
              key={n}
              type="stepAfter"
              dataKey={n}
              name={n}
              stroke={c.series[i % c.series.length]}
              strokeDasharray={c.dashes[i % c.dashes.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
};
