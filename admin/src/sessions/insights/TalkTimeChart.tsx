import { useTheme } from '@mui/material';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TalkTime } from '../../types';
import { useSpeakerColors } from '../transcript/speakerColors';

/** Split out so recharts loads only once a session has analytics. */
const TalkTimeChart = ({
  talkTime,
  label,
  colorOf: given,
}: {
  talkTime: TalkTime[];
  label: (speaker: string) => string;
  colorOf?: (speaker: string) => string;
}) => {
  const theme = useTheme();
  const own = useSpeakerColors(talkTime.map((t) => t.speaker));
  const colorOf = given ?? own;
  const data = talkTime.map((t) => ({
    speaker: label(t.speaker),
    raw: t.speaker,
    minutes: Math.round((t.talkMs / 60_000) * 10) / 10,
    share: Math.round(t.share * 1000) / 10,
  }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 44)}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 48 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} horizontal={false} />
        <XAxis type="number" unit=" min" stroke={theme.palette.text.secondary} />
        <YAxis type="category" dataKey="speaker" width={110} stroke={theme.palette.text.secondary} />
        <Tooltip
          formatter={(value, _name, item) => [`${String(value)} min (${String(item.payload.share)} %)`, '']}
          contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }}
        />
        <Bar dataKey="minutes" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.raw} fill={colorOf(d.raw)} />
          ))}
          {/* Each bar says its value: the colours name speakers, they are not the only cue. */}
          <LabelList
            dataKey="share"
            position="right"
            formatter={(value) => `${String(value)} %`}
            fill={theme.palette.text.primary}
          />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
};

export default TalkTimeChart;
