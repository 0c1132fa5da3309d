import {
  Box,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  LinearProgress,
  Stack,
  Link,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslate } from 'react-admin';
import { ErrorState } from '../../components/ErrorState';
import { EmptyState } from '../../components/EmptyState';
import { visuallyHidden } from '../../components/visuallyHidden';
import { formatOffset } from '../../format/time';
import type { SegmentEvent } from '../../live/events';
import type { Segment } from '../../types';
import { labelOf } from '../speakers/speakerStats';
import { Highlight } from './Highlight';
import { useSpeakerColors } from './speakerColors';
import { useFollowScroll } from './useFollowScroll';

/** A request to show the segment at `ms`; `at` makes repeated jumps to one moment distinct. */
export interface TranscriptFocus {
  ms: number;
  at: number;
}

interface Props {
  segments: Segment[] | undefined;
  interims?: SegmentEvent[];
  speakerNames?: Record<string, string> | null;
  focus?: TranscriptFocus | null;
  isPending?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** What an empty transcript says instead of "No transcript yet." (e.g. the audio was not transcribed). */
  emptyText?: string;
  /** The segment under the player's position; followed into view while `following`. */
  activeId?: string | null;
  following?: boolean;
  /** Given when there is a recording: clicking a line plays from its start. */
  onPlaySegment?: (segment: Segment) => void;
  /** Speaker labels whose lines are hidden. */
  hiddenSpeakers?: ReadonlySet<string>;
}

/**
 * Empty when nobody is known to have spoken (e.g. an ASR model without diarization). The API
 * sends the name already; live segments carry only the label, which the renames map.
 */
const displayName = (s: Segment, names?: Record<string, string> | null) => {
  const label = labelOf(s);
  return (label && names?.[label]) || s.speaker || label || '';
};

const NO_SPEAKERS: ReadonlySet<string> = new Set();

function segmentAt(segments: Segment[], ms: number): Segment | undefined {
  let best: Segment | undefined;
  for (const s of segments) {
    if (s.startMs <= ms) best = s;
    if (s.startMs <= ms && ms < s.endMs) return s;
  }
  return best ?? segments[0];
}

export const Transcript = ({
  segments,
  interims = [],
  speakerNames,
  focus,
  isPending,
  error,
  onRetry,
  emptyText,
  activeId = null,
  following = false,
  onPlaySegment,
  hiddenSpeakers = NO_SPEAKERS,
}: Props) => {
  const translate = useTranslate();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const hasRefined = useMemo(() => (segments ?? []).some((s) => s.refinedText), [segments]);
  const [showRefined, setShowRefined] = useState(true);
  const colorOf = useSpeakerColors((segments ?? []).map(labelOf));
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const scroller = useRef<HTMLDivElement>(null);
  const itemOf = useCallback((id: string) => itemRefs.current.get(id), []);
  const follow = useFollowScroll(scroller, itemOf, activeId, following);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const handledFocus = useRef<number | null>(null);

  const textOf = (s: Segment) => (showRefined && s.refinedText ? s.refinedText : s.text);
  const q = deferredQuery.trim().toLowerCase();
  const visible = useMemo(() => {
    const shown = !segments
      ? []
      : hiddenSpeakers.size
        ? segments.filter((s) => !hiddenSpeakers.has(labelOf(s) ?? ''))
        : segments;
    return q
      ? shown.filter(
          (s) =>
            textOf(s).toLowerCase().includes(q) || displayName(s, speakerNames).toLowerCase().includes(q),
        )
      : shown;
  }, [segments, q, showRefined, speakerNames, hiddenSpeakers]);
  const filtered = Boolean(q) || hiddenSpeakers.size > 0;
  // A click that ends a text selection is reading, not a request to play.
  const playFrom = (s: Segment) => (e: MouseEvent) => {
    if (!onPlaySegment || window.getSelection()?.toString()) return;
    if ((e.target as Element).closest('a, button:not([data-play-from])')) return;
    onPlaySegment(s);
  };

  useEffect(() => {
    if (!focus || !segments?.length || handledFocus.current === focus.at) return;
    const target = segmentAt(segments, focus.ms);
    if (!target) return;
    handledFocus.current = focus.at;
    setQuery('');
    setFocusedId(target.id);
    // Wait for the unfiltered list to render before scrolling.
    requestAnimationFrame(() => {
      const el = itemRefs.current.get(target.id);
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el?.focus({ preventScroll: true });
    });
  }, [focus, segments]);

  return (
    <Card component="section" aria-labelledby="transcript-title">
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} gap={1} alignItems={{ sm: 'center' }} mb={1}>
          <Typography id="transcript-title" component="h2" variant="h6" sx={{ flexGrow: 1 }}>
            {translate('mina.transcript.title')}
          </Typography>
          {hasRefined ? (
            <FormControlLabel
              control={<Switch checked={showRefined} onChange={(e) => setShowRefined(e.target.checked)} />}
              label={translate('mina.transcript.show_refined')}
            />
          ) : null}
          <TextField
            type="search"
            size="small"
            label={translate('mina.transcript.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            sx={{ minWidth: 220 }}
          />
        </Stack>
        <Typography variant="caption" color="text.secondary" role="status" aria-live="polite" component="p">
          {segments
            ? filtered
              ? translate('mina.transcript.matches', { smart_count: visible.length, total: segments.length })
              : translate('mina.transcript.count', { smart_count: segments.length })
            : ''}
        </Typography>
        {isPending ? <LinearProgress aria-label={translate('mina.transcript.loading')} /> : null}
        {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
        {segments && segments.length === 0 && interims.length === 0 ? (
          <EmptyState title={emptyText ?? translate('mina.transcript.empty')} />
        ) : null}
        {follow.paused && activeId ? (
          <Button size="small" onClick={follow.resume} sx={{ mb: 0.5 }}>
            {translate('mina.player.back_to_current')}
          </Button>
        ) : null}
        <Box
          ref={scroller}
          data-testid="transcript-scroller"
          sx={{ maxHeight: '70vh', overflowY: 'auto', pr: 1, position: 'relative' }}
          tabIndex={0}
          aria-label={translate('mina.transcript.title')}
        >
          <Box
            component="ol"
            aria-label={translate('mina.transcript.title')}
            sx={{ listStyle: 'none', p: 0, m: 0 }}
          >
            {visible.map((s) => {
              const name = displayName(s, speakerNames);
              const color = colorOf(labelOf(s));
              const active = activeId === s.id;
              return (
                <Box
                  component="li"
                  key={s.id}
                  ref={(el: HTMLLIElement | null) => {
                    if (el) itemRefs.current.set(s.id, el);
                    else itemRefs.current.delete(s.id);
                  }}
                  tabIndex={-1}
                  data-segment-id={s.id}
                  data-start-ms={s.startMs}
                  data-active={active ? 'true' : undefined}
                  aria-current={active ? 'time' : focusedId === s.id ? 'true' : undefined}
                  onClick={onPlaySegment ? playFrom(s) : undefined}
                  sx={{
                    display: 'grid',
                    gridTemplateColumns: '4.5rem 1fr',
                    gap: 1,
                    py: 0.75,
                    px: 1,
                    borderLeft: 4,
                    borderColor: color,
                    mb: 0.5,
                    borderRadius: 0.5,
                    bgcolor: active ? 'action.selected' : focusedId === s.id ? 'action.hover' : undefined,
                    outline: active ? 1 : 0,
                    outlineColor: color,
                    cursor: onPlaySegment ? 'pointer' : undefined,
                    '&:hover': onPlaySegment
                      ? { bgcolor: active ? 'action.selected' : 'action.hover' }
                      : undefined,
                    // Jumps (a summary's time link, ?t=) focus the line: show where focus is.
                    '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
                    '& mark': { bgcolor: 'warning.light', color: 'inherit', px: 0.25, borderRadius: 0.5 },
                  }}
                >
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    sx={{ fontVariantNumeric: 'tabular-nums', pt: 0.25 }}
                  >
                    {onPlaySegment ? (
                      <Link
                        component="button"
                        type="button"
                        variant="caption"
                        data-play-from
                        aria-label={translate('mina.player.play_from', { time: formatOffset(s.startMs) })}
                        sx={{ fontVariantNumeric: 'tabular-nums', verticalAlign: 'baseline' }}
                      >
                        <time dateTime={`PT${Math.floor(s.startMs / 1000)}S`}>{formatOffset(s.startMs)}</time>
                      </Link>
                    ) : (
                      <time dateTime={`PT${Math.floor(s.startMs / 1000)}S`}>{formatOffset(s.startMs)}</time>
                    )}
                  </Typography>
                  <Box>
                    {name ? (
                      <Typography variant="subtitle2" component="span" sx={{ color, mr: 1 }}>
                        {name}
                      </Typography>
                    ) : null}
                    <Typography variant="body2" component="span">
                      <Highlight text={textOf(s)} query={q} />
                    </Typography>
                  </Box>
                </Box>
              );
            })}
            {filtered
              ? null
              : interims.map((interim) => (
                  <Box
                    component="li"
                    key={interim.id}
                    data-kind="interim"
                    sx={{
                      display: 'grid',
                      gridTemplateColumns: '4.5rem 1fr',
                      gap: 1,
                      py: 0.75,
                      px: 1,
                      opacity: 0.7,
                    }}
                  >
                    <Typography variant="caption" color="text.secondary">
                      {formatOffset(interim.startMs)}
                    </Typography>
                    <Typography variant="body2" fontStyle="italic">
                      <Box component="span" sx={visuallyHidden}>
                        {translate('mina.transcript.interim')}:{' '}
                      </Box>
                      {interim.text}
                    </Typography>
                  </Box>
                ))}
          </Box>
        </Box>
      </CardContent>
    </Card>
  );
};
