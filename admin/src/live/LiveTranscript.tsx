import { Box, Card, CardContent, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useTranslate } from 'react-admin';
import { visuallyHidden } from '../components/visuallyHidden';
import { formatOffset } from '../format/time';
import { useSpeakerColors } from '../sessions/transcript/speakerColors';
import type { SegmentEvent } from './events';

export const LiveTranscript = ({
  finals,
  interims,
}: {
  finals: SegmentEvent[];
  interims: SegmentEvent[];
}) => {
  const translate = useTranslate();
  const colorOf = useSpeakerColors(finals.map((f) => f.speaker));
  const end = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);

  // Follow new text unless the reader has scrolled up.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
    if (nearBottom) end.current?.scrollIntoView({ block: 'end' });
  }, [finals.length, interims]);

  return (
    <Card component="section" aria-labelledby="live-transcript-title">
      <CardContent>
        <Typography id="live-transcript-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.live.transcript')}
        </Typography>
        {finals.length === 0 && interims.length === 0 ? (
          <Typography variant="body2" color="text.secondary" role="status">
            {translate('mina.live.no_segments')}
          </Typography>
        ) : null}
        <Box
          ref={scroller}
          sx={{
            maxHeight: '55vh',
            overflowY: 'auto',
            '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
          }}
          tabIndex={0}
          role="region"
          aria-label={translate('mina.keyboard.transcript_scroll')}
        >
          {/* A log: each new final line is read once, as an addition (speaker and text). */}
          <Box
            component="ol"
            role="log"
            aria-label={translate('mina.live.transcript')}
            aria-live="polite"
            aria-relevant="additions"
            sx={{ listStyle: 'none', p: 0, m: 0 }}
          >
            {finals.map((s) => (
              <Box
                component="li"
                key={s.id}
                data-kind="final"
                data-segment-id={s.id}
                sx={{
                  display: 'grid',
                  gridTemplateColumns: '4.5rem 1fr',
                  gap: 1,
                  py: 0.5,
                  borderLeft: 4,
                  borderColor: colorOf(s.speaker),
                  pl: 1,
                  mb: 0.5,
                }}
              >
                <Typography
                  variant="caption"
                  color="text.secondary"
                  sx={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  {formatOffset(s.startMs)}
                </Typography>
                <Box>
                  {s.speaker ? (
                    <Typography
                      component="span"
                      variant="subtitle2"
                      sx={{ color: colorOf(s.speaker), mr: 1 }}
                    >
                      {s.speaker}
                      <Box component="span" sx={visuallyHidden}>
                        :
                      </Box>
                    </Typography>
                  ) : null}
                  <Typography component="span" variant="body2">
                    {s.text}
                  </Typography>
                </Box>
              </Box>
            ))}
          </Box>
          {/* Interims change every second and are replaced by the final: shown, never read out. */}
          <Box aria-hidden="true" data-testid="live-interims">
            {interims.map((interim) => (
              <Box
                key={interim.id}
                data-kind="interim"
                sx={{
                  display: 'grid',
                  gridTemplateColumns: '4.5rem 1fr',
                  gap: 1,
                  py: 0.5,
                  pl: 1,
                  opacity: 0.7,
                }}
              >
                <Typography variant="caption" color="text.secondary">
                  {formatOffset(interim.startMs)}
                </Typography>
                <Typography variant="body2" fontStyle="italic">
                  {interim.text}
                </Typography>
              </Box>
            ))}
          </Box>
          <div ref={end} />
        </Box>
      </CardContent>
    </Card>
  );
};
