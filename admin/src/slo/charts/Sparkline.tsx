import type { SeriesValue } from '@mina/contract/views';
import { Box } from '@mui/material';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';

/** Decorative trend line; the card's numbers carry the information. */
export const Sparkline = ({
  data,
  color,
}: {
  data: SeriesValue[];
  color: string;
}) => (
  <Box aria-hidden mt={1} height={40}>
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} accessibilityLayer={false}>
        <YAxis hide domain={['auto', 'auto']} />
        <Line
          type="monotone"
          dataKey="value"
          stroke={color}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  </Box>
);
