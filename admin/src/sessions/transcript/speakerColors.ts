import { useTheme } from '@mui/material';
import { blue, brown, cyan, green, indigo, orange, pink, purple, red, teal } from '@mui/material/colors';
import { useMemo } from 'react';

const HUES = [blue, pink, green, orange, purple, teal, brown, indigo, red, cyan];
/** The same hues dark enough for 7:1 on white (MUI's 800 orange and cyan are below 4.5:1). */
const ON_LIGHT = [
  '#0d47a1',
  '#880e4f',
  '#1b5e20',
  '#8a2a00',
  '#4a148c',
  '#004d40',
  '#3e2723',
  '#1a237e',
  '#8e0000',
  '#004c55',
];

/**
 * Speakers get colours in order of first appearance, so a meeting reads the same every
 * time; dark shades (≥ 7:1 on white) in light themes and light ones in dark mode keep text contrast.
 */
export function useSpeakerColors(
  speakers: (string | null | undefined)[],
): (speaker: string | null | undefined) => string {
  const theme = useTheme();
  const dark = theme.palette.mode === 'dark';
  const key = speakers.join('\u0000');
  return useMemo(() => {
    const order = new Map<string, number>();
    for (const s of speakers) {
      const name = s ?? '';
      if (!order.has(name)) order.set(name, order.size);
    }
    return (speaker) => {
      const index = order.get(speaker ?? '') ?? 0;
      return dark ? HUES[index % HUES.length]![300] : ON_LIGHT[index % ON_LIGHT.length]!;
    };
    // `key` stands for the speakers array's content.
  }, [key, dark]);
}
