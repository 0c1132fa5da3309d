import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { isFeatureAbsent } from '../providers/errors';
import type { SloWindow } from '../types';

export const SLO_REFRESH_MS = 10_000;

/** A feature that answered 404 is absent on this server: stop polling it. */
const interval = (query: { state: { error: unknown } }) =>
  isFeatureAbsent(query.state.error) ? false : SLO_REFRESH_MS;

export function useSloData(window: SloWindow) {
  const dataProvider = useDataProvider<MinaDataProvider>();
  const slos = useQuery({
    queryKey: ['mina', 'slo', window],
    queryFn: () => dataProvider.getSlo(window),
    refetchInterval: interval,
    placeholderData: (previous) => previous,
    retry: (count, error) => !isFeatureAbsent(error) && count < 2,
  });
  const series = useQuery({
    queryKey: ['mina', 'metric-series', window],
    queryFn: () => dataProvider.getMetricSeries(window),
    refetchInterval: interval,
    placeholderData: (previous) => previous,
    retry: (count, error) => !isFeatureAbsent(error) && count < 2,
  });
  return { slos, series };
}
