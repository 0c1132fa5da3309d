import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { formatClock } from '../../format/time';
import type { MetricSeries, SloWindow } from '../../types';
import { ChartFigure } from './ChartFigure';
import { useChartTheme } from './useChartTheme';

export const LatencyChart = ({ data, window }: { data: MetricSeries['latency']; window: SloWindow }) => {
  const translate = useTranslate();
  const c = useChartTheme();
  // The newest step may not have any request yet: summarize the latest one that has.
  const last = data.findLast((d) => d.p95 !== null) ?? data.at(-1);
  return (
    <ChartFigure
      id="latency"
      title={translate('mina.slo.charts.latency')}
      summary={
        last
          ? translate('mina.slo.charts.latency_summary', {
              p50: last.p50 ?? '–',
              p95: last.p95 ?? '–',
              p99: last.p99 ?? '–',
            })
          : undefined
      }
      empty={data.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" stroke={c.grid} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: number) => formatClock(t, window)}
            stroke={c.axis}
            minTickGap={24}
          />
          <YAxis unit=" ms" stroke={c.axis} width={70} />
          <Tooltip labelFormatter={(t) => formatClock(String(t), '1h')} contentStyle={c.tooltip} />
          <Legend iconType="plainline" />
          <Line
            type="monotone"
            dataKey="p50"
            name="p50"
            stroke={c.series[0]}
            strokeDasharray={c.dashes[0]}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="p95"
            name="p95"
            stroke={c.series[1]}
            strokeDasharray={c.dashes[1]}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="p99"
            name="p99"
            stroke={c.series[2]}
            strokeDasharray={c.dashes[2]}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
};
