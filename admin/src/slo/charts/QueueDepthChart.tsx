import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { formatClock } from '../../format/time';
import type { MetricSeries, SloWindow } from '../../types';
import { ChartFigure } from './ChartFigure';
import { useChartTheme } from './useChartTheme';

/** [{t, queue, value}] → rows of {t, [queue]: value}, one line per queue. */
function pivot(points: MetricSeries['queueDepth']) {
  const queues: string[] = [];
  const rows = new Map<number, Record<string, number | string>>();
  for (const p of points) {
    if (!queues.includes(p.queue)) queues.push(p.queue);
    const row = rows.get(p.t) ?? { t: p.t };
    row[p.queue] = p.value;
    rows.set(p.t, row);
  }
  return { queues, rows: [...rows.values()].sort((a, b) => String(a.t).localeCompare(String(b.t))) };
}

export const QueueDepthChart = ({
  data,
  window,
}: {
  data: MetricSeries['queueDepth'];
  window: SloWindow;
}) => {
  const translate = useTranslate();
  const c = useChartTheme();
  const { queues, rows } = useMemo(() => pivot(data), [data]);
  return (
    <ChartFigure
      id="queue-depth"
      title={translate('mina.slo.charts.queue_depth')}
      summary={
        queues.length ? translate('mina.slo.charts.queue_summary', { queues: queues.join(', ') }) : undefined
      }
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
          <YAxis allowDecimals={false} stroke={c.axis} width={50} />
          <Tooltip labelFormatter={(t) => formatClock(String(t), '1h')} contentStyle={c.tooltip} />
          <Legend iconType="plainline" />
          {queues.map((q, i) => (
            <Line
              key={q}
              type="monotone"
              dataKey={q}
              name={q}
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
