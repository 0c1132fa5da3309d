import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { StageName, StageInfo } from '../../types';

/** What a panel shows while its pipeline stage has no result yet. */
export const StagePlaceholder = ({ stage, state }: { stage: StageName; state: StageInfo }) => {
  const translate = useTranslate();
  const name = translate(`mina.stage.${stage}`);
  if (state.status === 'failed') {
    return (
      <Alert severity="error" role="alert">
        {translate('mina.insights.stage_failed', { stage: name })}
        {state.error ? `: ${state.error}` : ''}
      </Alert>
    );
  }
  if (state.status === 'skipped') {
    return (
      <Typography variant="body2" color="text.secondary" data-testid={`stage-skipped-${stage}`}>
        {translate('mina.transcription.stage_skipped', { stage: name })}
      </Typography>
    );
  }
  if (state.status === 'running') {
    return (
      <Box>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {translate('mina.insights.stage_running', { stage: name })}
        </Typography>
        <LinearProgress aria-label={translate('mina.insights.stage_running', { stage: name })} />
      </Box>
    );
  }
  return (
    <Typography variant="body2" color="text.secondary">
      {translate(state.status === 'ready' ? 'mina.insights.nothing' : 'mina.insights.stage_pending', {
        stage: name,
      })}
    </Typography>
  );
};
