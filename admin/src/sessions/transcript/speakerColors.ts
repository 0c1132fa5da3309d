import { useTheme } from '@mui/material';
import { blue, brown, cyan, green, indigo, orange, pink, purple, red, teal } from '@mui/material/colors';
import { useMemo } from 'react';

const HUES = [blue, pink, green, orange, purple, teal, brown, indigo, red, cyan];

/**
 * Speakers get colours in order of first appearance, so a meeting reads the same every
 * time; darker shades in light mode and lighter ones in dark mode keep text contrast.
 */
export function useSpeakerColors(
  speakers: (string | null | undefined)[],
): (speaker: string | null | undefined) => string {
  const theme = useTheme();
  const shade = theme.palette.mode === 'dark' ? 300 : 800;
  const key = speakers.join('\u0000');
  return useMemo(() => {
    const order = new Map<string, number>();
    for (const s of speakers) {
      const name = s ?? '';
      if (!order.has(name)) order.set(name, order.size);
    }
    return (speaker) => {
      const index = order.get(speaker ?? '') ?? 0;
      return HUES[index % HUES.length]![shade];
    };
    // `key` stands for the speakers array's content.
  }, [key, shade]);
}
