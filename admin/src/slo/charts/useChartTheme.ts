import { useTheme } from '@mui/material';

export function useChartTheme() {
  const theme = useTheme();
  const p = theme.palette;
  return {
    grid: p.divider,
    axis: p.text.secondary,
    tooltip: { background: p.background.paper, borderColor: p.divider, color: p.text.primary },
    series: [p.primary.main, p.warning.main, p.error.main, p.success.main, p.info.main, p.secondary.main],
  };
}
