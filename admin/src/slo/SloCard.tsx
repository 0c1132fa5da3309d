import { Box, Card, CardContent, LinearProgress, Stack, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { StatusChip } from '../components/StatusChip';
import { formatNumber, formatPercent } from '../format/numbers';
import type { Slo, SloState } from '../types';
import { formatSli } from './format';
import { Sparkline } from './charts/Sparkline';

const STATE_COLOR: Record<SloState, 'success' | 'warning' | 'error' | 'inherit'> = {
  ok: 'success',
  warning: 'warning',
  breach: 'error',
  no_data: 'inherit',
};

const Metric = ({ label, value }: { label: string; value: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="dt">
      {label}
    </Typography>
    <Typography
      variant="body1"
      component="dd"
      m={0}
      fontWeight={500}
      sx={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {value}
    </Typography>
  </Box>
);

export const SloCard = ({ slo }: { slo: Slo }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const color = STATE_COLOR[slo.state] ?? 'inherit';
  const accent = color === 'inherit' ? theme.palette.text.disabled : theme.palette[color].main;
  const budget = slo.errorBudgetRemaining;
  const headingId = `slo-${slo.id}-title`;
  return (
    <Card
      component="section"
      aria-labelledby={headingId}
      data-state={slo.state}
      sx={{ borderTop: 4, borderColor: accent, height: '100%' }}
    >
      <CardContent>
        <Stack direction="row" justifyContent="space-between" alignItems="flex-start" gap={1}>
          <Typography id={headingId} component="h2" variant="subtitle1" fontWeight={600}>
            {slo.name}
          </Typography>
          <StatusChip value={slo.state} prefix="mina.slo.state" />
        </Stack>
        {slo.description ? (
          <Typography variant="caption" color="text.secondary" component="p">
            {slo.description}
          </Typography>
        ) : null}
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1, my: 1 }}>
          <Metric label={translate('mina.slo.target')} value={formatSli(slo.target, slo.unit, slo.target)} />
          <Metric
            label={translate('mina.slo.current')}
            value={formatSli(slo.current, slo.unit, slo.target)}
          />
          <Metric label={translate('mina.slo.budget_left')} value={formatPercent(budget, 1)} />
          <Metric
            label={translate('mina.slo.burn_rate')}
            value={
              slo.burnRate === null || slo.burnRate === undefined ? '–' : `${formatNumber(slo.burnRate, 2)}×`
            }
          />
        </Box>
        <LinearProgress
          variant="determinate"
          color={color === 'inherit' ? 'inherit' : color}
          value={Math.max(0, Math.min(1, budget ?? 0)) * 100}
          aria-label={translate('mina.slo.budget_left_of', { name: slo.name })}
          sx={{ height: 6, borderRadius: 3 }}
        />
        {slo.series?.length ? <Sparkline data={slo.series} color={accent} /> : null}
      </CardContent>
    </Card>
  );
};
