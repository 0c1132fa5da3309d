import GraphicEqIcon from '@mui/icons-material/GraphicEq';
import { Alert, AlertTitle, Box, Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Button, useCanAccess, useDataProvider, useTranslate } from 'react-admin';
import { formatSpan } from '../format/time';
import type { MinaDataProvider } from '../providers/dataProvider';
import type { Session, SessionTranscription } from '../types';
import { useSessionAction } from './useSessionAction';

export const speechRecognitionKey = ['mina', 'speech-recognition'] as const;

/** Whether the server has a speech recognizer (it changes only with a restart). */
export function useSpeechRecognition() {
  const dataProvider = useDataProvider<MinaDataProvider>();
  return useQuery({ queryKey: speechRecognitionKey, queryFn: () => dataProvider.getSpeechRecognition(), staleTime: 60_000 });
}

/** "Not transcribed — no speech recognizer was configured; 44 s of audio kept", never "Nothing was said". */
export function useNotTranscribedText() {
  const translate = useTranslate();
  return (t: SessionTranscription) =>
    translate(t.state === 'transcribing' ? 'mina.transcription.transcribing' : 'mina.transcription.not_transcribed', {
      reason: translate(`mina.transcription.reason.${t.reason}`, { _: t.reason }),
      span: formatSpan(t.untranscribedAudioMs),
    });
}

/** A small chip for lists (sessions, dashboard, meeting). */
export const NotTranscribedChip = ({ session }: { session: Pick<Session, 'transcription'> }) => {
  const translate = useTranslate();
  const text = useNotTranscribedText();
  if (!session.transcription) return null;
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      data-testid="not-transcribed"
      label={translate(session.transcription.state === 'transcribing' ? 'mina.status.transcribing' : 'mina.transcription.chip')}
      title={text(session.transcription)}
    />
  );
};

/**
 * Runs the kept audio through transcription. Shown to roles that may finalize the session;
 * disabled, with the reason beside it, while the server still has no speech recognizer.
 */
export const TranscribeButton = ({ session }: { session: Session }) => {
  const translate = useTranslate();
  const asr = useSpeechRecognition();
  const { canAccess } = useCanAccess({ action: 'finalize', resource: 'sessions', record: session });
  const { run: transcribe, pending } = useSessionAction('transcribeSession', 'mina.transcription.started');
  if (!canAccess || session.transcription?.state !== 'not_transcribed') return null;
  const noAsr = asr.data ? !asr.data.configured : false;


  return (
    <Stack direction="row" alignItems="center" gap={1} flexWrap="wrap">
      <Button
        label="mina.transcription.transcribe"
        variant="outlined"
        onClick={() => void transcribe(session.id)}
        disabled={pending || asr.isPending || noAsr}
        aria-describedby={noAsr ? 'transcribe-disabled-reason' : undefined}
      >
        <GraphicEqIcon />
      </Button>
      {noAsr ? (
        <Typography id="transcribe-disabled-reason" variant="caption" color="text.secondary">
          {translate('mina.transcription.disabled_no_asr')}
        </Typography>
      ) : null}
    </Stack>
  );
};

/** The session page's banner: what happened to the audio, and the way to transcribe it. */
export const NotTranscribedNotice = ({ session }: { session: Session }) => {
  const translate = useTranslate();
  const text = useNotTranscribedText();
  if (!session.transcription) return null;
  return (
    <Alert severity="warning" role="status" data-testid="not-transcribed-notice">
      <AlertTitle>{translate('mina.transcription.title')}</AlertTitle>
      <Box mb={1}>{text(session.transcription)}</Box>
      <TranscribeButton session={session} />
    </Alert>
  );
};
