import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HubIcon from '@mui/icons-material/Hub';
import PendingIcon from '@mui/icons-material/Pending';
import {
  Box,
  Chip,
  LinearProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { Loading, Title, useDataProvider, useRequireAccess, useTranslate } from 'react-admin';
import type { AiProviderKind, AiProviderView, ProviderBreakerState } from '@mina/contract/ai-providers';
import { EmptyState } from '../components/EmptyState';
import { ErrorState } from '../components/ErrorState';
import { formatNumber, formatPercent } from '../format/numbers';
import { formatDateTime } from '../format/time';
import type { MinaDataProvider } from '../providers/dataProvider';
import { isFeatureAbsent } from '../providers/errors';

export const AI_PROVIDERS_REFRESH_MS = 5_000;

const STATE: Record<ProviderBreakerState, { color: 'success' | 'error' | 'warning'; icon: ReactElement }> = {
  closed: { color: 'success', icon: <CheckCircleIcon aria-hidden /> },
  open: { color: 'error', icon: <ErrorIcon aria-hidden /> },
  half_open: { color: 'warning', icon: <PendingIcon aria-hidden /> },
};

/** The breaker state in words and with an icon: colour is never the only cue. */
const StateChip = ({ state }: { state: ProviderBreakerState }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATE[state].color}
      icon={STATE[state].icon}
      label={translate(`mina.ai_providers.state.${state}`)}
      data-state={state}
    />
  );
};

const ms = (value: number | null) => (value === null ? '–' : `${formatNumber(value, 0)} ms`);

const ProviderTable = ({ kind, rows }: { kind: AiProviderKind; rows: AiProviderView[] }) => {
  const translate = useTranslate();
  const t = (key: string) => translate(`mina.ai_providers.${key}`);
  return (
    <Box component="section" aria-labelledby={`ai-providers-${kind}`}>
      <Typography id={`ai-providers-${kind}`} component="h2" variant="h6" gutterBottom>
        {t(`kind.${kind}`)}
      </Typography>
      {rows.length === 0 ? (
        <Typography color="text.secondary">{t(`none.${kind}`)}</Typography>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-labelledby={`ai-providers-${kind}`}>
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t('position')}</TableCell>
                <TableCell scope="col">{t('name')}</TableCell>
                <TableCell scope="col">{t('state_label')}</TableCell>
                <TableCell scope="col" align="right">
                  {t('latency')}
                </TableCell>
                <TableCell scope="col" align="right">
                  {t('error_rate')}
                </TableCell>
                <TableCell scope="col" align="right">
                  {t('requests')}
                </TableCell>
                <TableCell scope="col">{t('last_error')}</TableCell>
                {kind === 'llm' ? (
                  <TableCell scope="col" align="right">
                    {t('tokens')}
                  </TableCell>
                ) : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((p) => (
                <TableRow key={p.id} data-provider={p.id}>
                  <TableCell>{p.position + 1}</TableCell>
                  <TableCell component="th" scope="row">
                    <Typography variant="body2" fontWeight={500}>
                      {p.name}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" component="div">
                      {p.model}
                      {p.baseUrl ? ` · ${p.baseUrl}` : ''}
                    </Typography>
                    {p.roles.length > 0 ? (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {translate('mina.ai_providers.roles', { roles: p.roles.join(', ') })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <StateChip state={p.state} />
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {ms(p.latencyP50Ms)} / {ms(p.latencyP95Ms)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {formatPercent(p.errorRate, 1)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatNumber(p.requests, 0)}
                    {p.failures > 0 ? (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {translate('mina.ai_providers.failures', { count: formatNumber(p.failures, 0) })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell sx={{ maxWidth: 360 }}>
                    {p.lastError ? (
                      <>
                        <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                          {p.lastError}
                        </Typography>
                        <Typography variant="caption" color="text.secondary">
                          {formatDateTime(p.lastErrorAt)}
                        </Typography>
                      </>
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {t('no_error')}
                      </Typography>
                    )}
                  </TableCell>
                  {kind === 'llm' ? (
                    <TableCell
                      align="right"
                      sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                    >
                      {formatNumber(p.promptTokens, 0)} / {formatNumber(p.completionTokens, 0)}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
};

/** AI providers (instance admins): each chain's providers in order, refreshed every few seconds. */
const AiProvidersPage = () => {
  const translate = useTranslate();
  const { isPending: accessPending } = useRequireAccess({ action: 'list', resource: 'ai-providers' });
  const dataProvider = useDataProvider<MinaDataProvider>();
  const query = useQuery({
    queryKey: ['mina', 'ai-providers'],
    queryFn: () => dataProvider.getAiProviders(),
    refetchInterval: (q) => (isFeatureAbsent(q.state.error) ? false : AI_PROVIDERS_REFRESH_MS),
    placeholderData: (previous) => previous,
    enabled: !accessPending,
  });
  if (accessPending) return <Loading />;
  const rows = query.data ?? [];
  return (
    <Box p={{ xs: 1, sm: 2 }}>
      <Title title={translate('mina.ai_providers.title')} />
      <Typography component="h1" variant="h5" gutterBottom>
        {translate('mina.ai_providers.title')}
      </Typography>
      <Typography color="text.secondary" mb={2}>
        {translate('mina.ai_providers.intro')}
      </Typography>
      {query.isPending ? (
        <LinearProgress aria-label={translate('mina.ai_providers.loading')} />
      ) : query.error && !query.data ? (
        isFeatureAbsent(query.error) ? (
          <EmptyState icon={<HubIcon />} title={translate('mina.ai_providers.absent')} />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <Stack gap={3}>
          <ProviderTable kind="llm" rows={rows.filter((r) => r.kind === 'llm')} />
          <ProviderTable kind="asr" rows={rows.filter((r) => r.kind === 'asr')} />
          <Typography variant="caption" color="text.secondary">
            {translate('mina.ai_providers.note')}
          </Typography>
        </Stack>
      )}
    </Box>
  );
};

export default AiProvidersPage;
