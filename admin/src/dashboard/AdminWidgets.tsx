import BackupIcon from '@mui/icons-material/Backup';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import ReportIcon from '@mui/icons-material/Report';
import { Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useDataProvider, useGetList, useTranslate } from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import { StatusChip } from '../components/StatusChip';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage, isFeatureAbsent } from '../providers/errors';
import type { Backup, DeadLetter, SloState } from '../types';
import { Widget } from './Widget';

const Problem = ({ error, absent }: { error: unknown; absent: string }) => (
  <Typography variant="body2" color={isFeatureAbsent(error) ? 'text.secondary' : 'error'}>
    {isFeatureAbsent(error) ? absent : errorMessage(error)}
  </Typography>
);

export const DeadLettersWidget = () => {
  const translate = useTranslate();
  const { total, isPending, error } = useGetList<DeadLetter>(
    'dead-letters',
    { pagination: { page: 1, perPage: 1 }, sort: { field: 'failedAt', order: 'DESC' } },
    { retry: false, refetchInterval: 30_000 },
  );
  return (
    <Widget
      id="dead-letters-widget"
      icon={<ReportIcon />}
      title={translate('resources.dead-letters.name', { smart_count: 2 })}
      loading={isPending}
      action={<Link to="/dead-letters">{translate('mina.dashboard.open')}</Link>}
    >
      {error ? (
        <Problem error={error} absent={translate('mina.dead_letters.absent_short')} />
      ) : (
        <Typography variant="h4" component="p" color={total ? 'error' : 'success.main'}>
          {total ?? 0}
        </Typography>
      )}
    </Widget>
  );
};

export const SloWidget = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<MinaDataProvider>();
  const { data, isPending, error } = useQuery({
    queryKey: ['mina', 'slo', '1h'],
    queryFn: () => dataProvider.getSlo('1h'),
    retry: false,
    refetchInterval: 30_000,
  });
  const counts = (data ?? []).reduce<Partial<Record<SloState, number>>>((acc, s) => {
    acc[s.state] = (acc[s.state] ?? 0) + 1;
    return acc;
  }, {});
  return (
    <Widget
      id="slo-widget"
      icon={<MonitorHeartIcon />}
      title={translate('mina.slo.title')}
      loading={isPending}
      action={<Link to="/slo">{translate('mina.dashboard.open')}</Link>}
    >
      {error ? (
        <Problem error={error} absent={translate('mina.slo.absent')} />
      ) : (
        <Stack direction="row" gap={1} flexWrap="wrap">
          {(['breach', 'warning', 'ok', 'no_data'] as SloState[])
            .filter((s) => counts[s])
            .map((s) => (
              <Stack key={s} direction="row" gap={0.5} alignItems="center">
                <Typography fontWeight={600}>{counts[s]}</Typography>
                <StatusChip value={s} prefix="mina.slo.state" />
              </Stack>
            ))}
          {data?.length === 0 ? <Typography variant="body2">{translate('mina.slo.none')}</Typography> : null}
        </Stack>
      )}
    </Widget>
  );
};

export const BackupWidget = () => {
  const translate = useTranslate();
  const { data, isPending, error } = useGetList<Backup>(
    'backups',
    { pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' } },
    { retry: false },
  );
  const last = data?.[0];
  return (
    <Widget
      id="backup-widget"
      icon={<BackupIcon />}
      title={translate('mina.dashboard.last_backup')}
      loading={isPending}
      action={<Link to="/backups">{translate('mina.dashboard.open')}</Link>}
    >
      {error ? (
        <Problem error={error} absent={translate('mina.backups.absent')} />
      ) : last ? (
        <Stack direction="row" gap={1} alignItems="center">
          <DateTimeText value={last.createdAt} relative />
          <StatusChip value={last.status} />
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('mina.backups.empty')}
        </Typography>
      )}
    </Widget>
  );
};
