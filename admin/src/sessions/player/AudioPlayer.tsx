import Forward5Icon from '@mui/icons-material/Forward5';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import Replay5Icon from '@mui/icons-material/Replay5';
import {
  Alert,
  Box,
  Card,
  CardContent,
  IconButton,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect } from 'react';
import { useTranslate } from 'react-admin';
import { formatOffset } from '../../format/time';
import { ShortcutsButton } from '../../keyboard/ShortcutsDialog';
import type { Session } from '../../types';
import { NoRecording, audioNotYet, recordingAbsence } from './NoRecording';
import { PLAYBACK_RATES, usePlayer, type PlayerController } from './playerController';
import { useAudioMetadata } from './useAudioMetadata';
import { usePlayerShortcuts } from './usePlayerShortcuts';
import { useSignedAudio } from './useSignedAudio';
import { Waveform, type Lane } from './Waveform';

const TimeReadout = ({ controller, durationMs }: { controller: PlayerController; durationMs: number }) => {
  const translate = useTranslate();
  // Whole seconds only, so that this text (and screen readers) change once a second at most.
  const second = usePlayer(controller, (s) => Math.floor(s.currentMs / 1000));
  return (
    <Typography
      variant="body2"
      data-testid="player-time"
      sx={{ fontVariantNumeric: 'tabular-nums', minWidth: '7.5rem' }}
      aria-label={translate('mina.player.position', {
        at: formatOffset(second * 1000),
        total: formatOffset(durationMs),
      })}
    >
      {formatOffset(second * 1000)} / {formatOffset(durationMs)}
    </Typography>
  );
};

/**
 * The session's recording: play/pause, ±5 s, speed, the waveform with one lane per speaker, and
 * keyboard shortcuts. Without a recording it says why instead of showing an empty player.
 */
export const AudioPlayer = ({
  session,
  controller,
  lanes,
}: {
  session: Session;
  controller: PlayerController;
  lanes: Lane[];
}) => {
  const translate = useTranslate();
  const notYet = audioNotYet(session);
  const metadata = useAudioMetadata(session);
  const absent = recordingAbsence(session);
  const available = Boolean(metadata.data) && !notYet;
  const signed = useSignedAudio(String(session.id), available, controller);
  const playing = usePlayer(controller, (s) => s.playing);
  const rate = usePlayer(controller, (s) => s.rate);
  const durationMs = usePlayer(controller, (s) => s.durationMs) ?? metadata.data?.durationMs ?? 0;
  usePlayerShortcuts(controller, available);
  useEffect(
    () => controller.setKnownDuration(metadata.data?.durationMs ?? null),
    [controller, metadata.data],
  );

  return (
    <Card component="section" aria-labelledby="player-title">
      <CardContent>
        <Typography id="player-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.player.title')}
        </Typography>
        {notYet || absent || metadata.isError ? (
          <NoRecording session={session} error={metadata.error ?? absent} />
        ) : metadata.isPending ? (
          <LinearProgress aria-label={translate('mina.player.loading')} />
        ) : (
          <>
            <audio
              ref={controller.attach}
              preload="metadata"
              data-testid="session-audio"
              onError={signed.onElementError}
              onCanPlay={signed.onElementPlaying}
              onPlaying={signed.onElementPlaying}
            />
            <Stack direction="row" alignItems="center" gap={1} flexWrap="wrap" mb={1}>
              <IconButton
                onClick={() => void controller.toggle().catch(() => undefined)}
                aria-label={translate(playing ? 'mina.player.pause' : 'mina.player.play')}
                aria-keyshortcuts="Space"
                color="primary"
                size="large"
              >
                {playing ? <PauseIcon fontSize="large" /> : <PlayArrowIcon fontSize="large" />}
              </IconButton>
              <IconButton
                onClick={() => void controller.skip(-5000)}
                aria-label={translate('mina.player.back')}
                aria-keyshortcuts="ArrowLeft"
              >
                <Replay5Icon />
              </IconButton>
              <IconButton
                onClick={() => void controller.skip(5000)}
                aria-label={translate('mina.player.forward')}
                aria-keyshortcuts="ArrowRight"
              >
                <Forward5Icon />
              </IconButton>
              <TimeReadout controller={controller} durationMs={durationMs} />
              <Box flexGrow={1} />
              <TextField
                select
                size="small"
                label={translate('mina.player.speed')}
                value={rate}
                onChange={(e) => controller.setRate(Number(e.target.value))}
                fullWidth={false}
                sx={{ width: 96 }}
              >
                {PLAYBACK_RATES.map((r) => (
                  <MenuItem key={r} value={r}>
                    {r}×
                  </MenuItem>
                ))}
              </TextField>
              <ShortcutsButton />
            </Stack>
            <Waveform
              controller={controller}
              peaks={metadata.data!.peaks}
              durationMs={durationMs}
              lanes={lanes}
            />
            {signed.error ? (
              <Alert severity="error" sx={{ mt: 1 }} role="alert">
                {translate('mina.player.load_failed', { message: signed.error })}
              </Alert>
            ) : null}
            {session.transcription?.state === 'not_transcribed' ? (
              <Typography variant="caption" color="text.secondary" component="p" mt={1}>
                {translate('mina.player.not_transcribed')}
              </Typography>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
};
