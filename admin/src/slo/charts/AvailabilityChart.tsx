import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { formatPercentValue } from '../../format/numbers';
import { formatClock } from '../../format/time';
import type { MetricSeries, SloWindow } from '../../types';
import { ChartFigure } from './ChartFigure';
import { useChartTheme } from './useChartTheme';

export const AvailabilityChart = ({
  data,
  window,
}: {
  data: MetricSeries['availability'];
  window: SloWindow;
}) => {
  const translate = useTranslate();
  const c = useChartTheme();
  const values = data.map((d) => d.value).filter((v): v is number => typeof v === 'number');
  // Percentages (99.9), as /admin/metrics/series sends them; the axis starts at 99 % or lower.
  const floor = values.length ? Math.min(99, ...values) : 99;
  const last = values.at(-1);
  return (
    <ChartFigure
      id="availability"
      title={translate('mina.slo.charts.availability')}
      summary={
        last !== undefined
          ? translate('mina.slo.charts.availability_summary', { value: formatPercentValue(last) })
          : undefined
      }
      empty={data.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data}>
          <CartesianGrid strokeDasharray="3 3" stroke={c.grid} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: number) => formatClock(t, window)}
            stroke={c.axis}
            minTickGap={24}
          />
          <YAxis
            domain={[Math.floor(floor * 10) / 10, 100]}
            tickFormatter={(v: number) => formatPercentValue(v, 1)}
            stroke={c.axis}
            width={70}
          />
          <Tooltip
            labelFormatter={(t) => formatClock(String(t), '1h')}
            formatter={(v) => formatPercentValue(Number(v), 3)}
            contentStyle={c.tooltip}
          />
          <Area
            type="monotone"
            dataKey="value"
            name={translate('mina.slo.charts.availability')}
            stroke={c.series[3]}
            fill={c.series[3]}
            fillOpacity={0.2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
};
