import { Box, Card, CardContent, Chip, CircularProgress, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { StatusChip } from '../components/StatusChip';
import { STAGES, type StageName, type StageInfo } from '../types';
import { useStageAnnouncements } from './stageAnnouncements';
import type { SessionLive } from './useSessionLive';

const ConnectionBadge = ({ live }: { live: SessionLive }) => {
  const translate = useTranslate();
  if (live.connection === 'off') return null;
  const color =
    live.connection === 'connected' ? 'success' : live.connection === 'failed' ? 'error' : 'warning';
  return (
    <Tooltip title={live.connectionMessage ?? ''}>
      <Chip
        size="small"
        variant="outlined"
        color={color}
        label={translate(`mina.sessions.connection.${live.connection}`)}
        aria-label={translate('mina.sessions.connection_label', {
          state: translate(`mina.sessions.connection.${live.connection}`),
        })}
      />
    </Tooltip>
  );
};

/** Who produced a finished stage: "by <provider>", or honestly the local fallback. */
export const ProducedBy = ({ state }: { state: Pick<StageInfo, 'status' | 'fallbackUsed' | 'provider'> }) => {
  const translate = useTranslate();
  if (state.status !== 'ready') return null;
  const text = state.fallbackUsed
    ? translate('mina.ai_providers.local_fallback')
    : state.provider
      ? translate('mina.ai_providers.by', { provider: state.provider })
      : null;
  if (!text) return null;
  return (
    <Typography variant="caption" color="text.secondary" data-produced-by={state.provider ?? 'local'}>
      {text}
    </Typography>
  );
};

export const PipelineStages = ({
  stages,
  live,
}: {
  stages: Record<StageName, StageInfo>;
  live: SessionLive;
}) => {
  const translate = useTranslate();
  // Changes are read out once by the console's announcer, not by a live region over this list.
  useStageAnnouncements(stages);
  return (
    <Card component="section" aria-labelledby="pipeline-title">
      <CardContent>
        <Box display="flex" alignItems="center" justifyContent="space-between" mb={1} gap={1} flexWrap="wrap">
          <Typography id="pipeline-title" component="h2" variant="h6">
            {translate('mina.sessions.pipeline')}
          </Typography>
          <ConnectionBadge live={live} />
        </Box>
        <Stack
          component="ol"
          direction={{ xs: 'column', sm: 'row' }}
          gap={2}
          sx={{ listStyle: 'none', p: 0, m: 0 }}
          aria-label={translate('mina.sessions.pipeline')}
        >
          {STAGES.map((stage) => {
            const state = stages[stage];
            return (
              <Box
                component="li"
                key={stage}
                data-stage={stage}
                data-state={state.status}
                aria-label={translate('mina.sessions.stage_label', {
                  stage: translate(`mina.stage.${stage}`),
                  state: translate(`mina.status.${state.status}`),
                })}
                display="flex"
                alignItems="center"
                gap={1}
              >
                <Typography variant="body2" fontWeight={500}>
                  {translate(`mina.stage.${stage}`)}
                </Typography>
                {state.status === 'running' ? <CircularProgress size={14} aria-hidden /> : null}
                <StatusChip value={state.status} />
                {state.status === 'skipped' && state.reason ? (
                  <Typography variant="caption" color="text.secondary">
                    {translate(`mina.transcription.reason.${state.reason}`, { _: state.reason })}
                  </Typography>
                ) : null}
                <ProducedBy state={state} />
                {state.status === 'failed' && state.error ? (
                  <Typography variant="caption" color="error">
                    {state.error}
                  </Typography>
                ) : null}
              </Box>
            );
          })}
        </Stack>
      </CardContent>
    </Card>
  );
};
