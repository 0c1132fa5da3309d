import { useTheme } from '@mui/material';

export function useChartTheme() {
  const theme = useTheme();
  const p = theme.palette;
  return {
    grid: p.divider,
    axis: p.text.secondary,
    tooltip: { background: p.background.paper, borderColor: p.divider, color: p.text.primary },
    series: [p.primary.main, p.warning.main, p.error.main, p.success.main, p.info.main, p.secondary.main],
    /** A line pattern per series beside its colour, so lines are told apart without colour (legend too). */
    dashes: ['', '8 4', '2 3', '12 4 2 4', '4 4', '1 5'],
  };
}
