import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Box, Grid, IconButton, LinearProgress, Stack, Tooltip, Typography } from '@mui/material';
import { Title, useRequireAccess, useStore, useTranslate, Loading } from 'react-admin';
import { EmptyState } from '../components/EmptyState';
import { ErrorState } from '../components/ErrorState';
import { isFeatureAbsent } from '../providers/errors';
import type { SloWindow } from '../types';
import { AvailabilityChart } from './charts/AvailabilityChart';
import { BreakerChart } from './charts/BreakerChart';
import { LatencyChart } from './charts/LatencyChart';
import { QueueDepthChart } from './charts/QueueDepthChart';
import { SloCard } from './SloCard';
import { SLO_REFRESH_MS, useSloData } from './useSloData';
import { WindowSwitch } from './WindowSwitch';

const SloCards = ({ query }: { query: ReturnType<typeof useSloData>['slos'] }) => {
  const translate = useTranslate();
  if (query.isPending) return <LinearProgress aria-label={translate('mina.slo.loading')} />;
  if (query.error && !query.data) {
    return isFeatureAbsent(query.error) ? (
      <EmptyState icon={<MonitorHeartIcon />} title={translate('mina.slo.absent')} />
    ) : (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data?.length) return <EmptyState title={translate('mina.slo.none')} />;
  return (
    <Grid container spacing={2} component="div" role="list" aria-label={translate('mina.slo.objectives')}>
      {query.data.map((slo) => (
        <Grid key={slo.id} size={{ xs: 12, sm: 6, lg: 3 }} role="listitem">
          <SloCard slo={slo} />
        </Grid>
      ))}
    </Grid>
  );
};

const SloCharts = ({
  query,
  window,
}: {
  query: ReturnType<typeof useSloData>['series'];
  window: SloWindow;
}) => {
  const translate = useTranslate();
  if (query.isPending) return <LinearProgress aria-label={translate('mina.slo.loading')} />;
  if (query.error && !query.data) {
    return isFeatureAbsent(query.error) ? (
      <EmptyState title={translate('mina.slo.metrics_absent')} />
    ) : (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  const d = query.data;
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 6 }}>
        <LatencyChart data={d?.latency ?? []} window={window} />
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <AvailabilityChart data={d?.availability ?? []} window={window} />
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <QueueDepthChart data={d?.queueDepth ?? []} window={window} />
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <BreakerChart data={d?.breakers ?? []} window={window} />
      </Grid>
    </Grid>
  );
};

const SloDashboard = () => {
  const translate = useTranslate();
  const { isPending: accessPending } = useRequireAccess({ action: 'list', resource: 'slo' });
  const [window, setWindow] = useStore<SloWindow>('mina.slo.window', '1h');
  const { slos, series } = useSloData(window);
  if (accessPending) return <Loading />;
  const updatedAt = Math.max(slos.dataUpdatedAt, series.dataUpdatedAt);
  const refetching = slos.isFetching || series.isFetching;
  return (
    <Box mt={1}>
      <Title title={translate('mina.slo.title')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} alignItems={{ sm: 'center' }} gap={2} mb={2}>
        <Typography component="h1" variant="h5" sx={{ flexGrow: 1 }}>
          {translate('mina.slo.title')}
        </Typography>
        <Typography variant="caption" color="text.secondary" role="status" aria-live="off">
          {updatedAt
            ? translate('mina.slo.updated', {
                time: new Date(updatedAt).toLocaleTimeString(),
                seconds: SLO_REFRESH_MS / 1000,
              })
            : ''}
        </Typography>
        <WindowSwitch value={window} onChange={setWindow} />
        <Tooltip title={translate('ra.action.refresh')}>
          <span>
            <IconButton
              aria-label={translate('ra.action.refresh')}
              onClick={() => {
                void slos.refetch();
                void series.refetch();
              }}
              disabled={refetching}
            >
              <RefreshIcon />
            </IconButton>
          </span>
        </Tooltip>
      </Stack>
      <Stack gap={3}>
        <SloCards query={slos} />
        <SloCharts query={series} window={window} />
      </Stack>
    </Box>
  );
};

export default SloDashboard;
