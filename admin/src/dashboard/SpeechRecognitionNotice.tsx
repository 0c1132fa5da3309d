import { Alert, AlertTitle } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useSpeechRecognition } from '../sessions/NotTranscribed';

/** Says on the dashboard what the startup log and /health/ready say: there is no speech recognizer. */
export const SpeechRecognitionNotice = () => {
  const translate = useTranslate();
  const { data } = useSpeechRecognition();
  if (!data || data.configured) return null;
  return (
    <Alert severity="warning" role="status" data-testid="asr-missing">
      <AlertTitle>{translate('mina.transcription.asr_missing_title')}</AlertTitle>
      {translate('mina.transcription.asr_missing')}
    </Alert>
  );
};
