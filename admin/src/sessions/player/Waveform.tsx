import { Box, Typography, useTheme } from '@mui/material';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslate } from 'react-admin';
import { formatOffset } from '../../format/time';
import { usePlayer, type PlayerController } from './playerController';

export interface Lane {
  label: string;
  name: string;
  color: string;
  spans: [number, number][];
}

const WAVE_H = 64;
const LANE_H = 10;
const LANE_GAP = 4;
const BAR_W = 2;
const BAR_GAP = 1;

/** Folds `peaks` into `bars` buckets (max of each bucket, so short loud moments stay visible). */
function fold(peaks: readonly number[], bars: number): number[] {
  if (peaks.length === 0 || bars <= 0) return [];
  const out = new Array<number>(bars).fill(0);
  for (let i = 0; i < peaks.length; i++) {
    const b = Math.min(bars - 1, Math.floor((i / peaks.length) * bars));
    out[b] = Math.max(out[b]!, peaks[i]!);
  }
  return out;
}

/**
 * The recording's waveform (from the metadata's peaks) over one lane per speaker, drawn on a
 * canvas; the lanes are labelled in HTML beside it so colour is never the only cue. The whole
 * figure is a slider: click or drag to seek, arrow keys move 5 s, Home/End jump to the ends.
 */
export const Waveform = ({
  controller,
  peaks,
  durationMs,
  lanes,
}: {
  controller: PlayerController;
  peaks: readonly number[];
  durationMs: number;
  lanes: Lane[];
}) => {
  const theme = useTheme();
  const translate = useTranslate();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const currentMs = usePlayer(controller, (s) => s.currentMs);
  const [dragMs, setDragMs] = useState<number | null>(null);
  const height = WAVE_H + lanes.length * (LANE_H + LANE_GAP);
  const shownMs = dragMs ?? currentMs;

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = width * dpr;
    el.height = height * dpr;
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const x = (ms: number) => (durationMs > 0 ? (ms / durationMs) * width : 0);
    const cursor = x(shownMs);
    const bars = fold(peaks, Math.floor(width / (BAR_W + BAR_GAP)));
    const mid = WAVE_H / 2;
    bars.forEach((peak, i) => {
      const left = i * (BAR_W + BAR_GAP);
      const h = Math.max(1, peak * (WAVE_H - 4));
      ctx.fillStyle = left < cursor ? theme.palette.primary.main : theme.palette.action.disabled;
      ctx.fillRect(left, mid - h / 2, BAR_W, h);
    });
    lanes.forEach((lane, i) => {
      const top = WAVE_H + i * (LANE_H + LANE_GAP) + LANE_GAP / 2;
      ctx.fillStyle = theme.palette.action.hover;
      ctx.fillRect(0, top, width, LANE_H);
      ctx.fillStyle = lane.color;
      for (const [start, end] of lane.spans)
        ctx.fillRect(x(start), top, Math.max(1, x(end) - x(start)), LANE_H);
    });
    ctx.fillStyle = theme.palette.text.primary;
    ctx.fillRect(Math.min(width - 2, Math.max(0, cursor - 1)), 0, 2, height);
  }, [width, height, peaks, lanes, durationMs, shownMs, theme]);

  const msAt = (e: PointerEvent<HTMLElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
    return f * durationMs;
  };
  const onPointerDown = (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    setDragMs(msAt(e));
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    if (dragMs !== null) setDragMs(msAt(e));
  };
  // The element seeks once, where the drag ends: seeking on every move would refetch ranges.
  const onPointerUp = (e: PointerEvent<HTMLElement>) => {
    if (dragMs === null) return;
    const ms = msAt(e);
    setDragMs(null);
    void controller.seek(ms);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const step = e.shiftKey ? 30_000 : 5_000;
    const to =
      e.key === 'ArrowLeft' || e.key === 'ArrowDown'
        ? currentMs - step
        : e.key === 'ArrowRight' || e.key === 'ArrowUp'
          ? currentMs + step
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? durationMs
              : null;
    if (to === null) return;
    e.preventDefault();
    e.stopPropagation();
    void controller.seek(to);
  };

  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: lanes.length ? 'minmax(1.5rem, max-content) 1fr' : '1fr', gap: 1 }}
    >
      {lanes.length ? (
        <Box aria-hidden sx={{ pt: `${WAVE_H}px` }}>
          {lanes.map((lane) => (
            <Typography
              key={lane.label}
              variant="caption"
              noWrap
              component="div"
              title={lane.name}
              sx={{
                maxWidth: '8rem',
                height: LANE_H + LANE_GAP,
                lineHeight: `${LANE_H + LANE_GAP}px`,
                fontSize: 11,
                color: lane.color,
                fontWeight: 600,
              }}
            >
              {lane.name}
            </Typography>
          ))}
        </Box>
      ) : null}
      <Box
        role="slider"
        tabIndex={0}
        data-testid="waveform"
        aria-label={translate('mina.player.seek')}
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round(shownMs / 1000)}
        aria-valuetext={translate('mina.player.position', {
          at: formatOffset(shownMs),
          total: formatOffset(durationMs),
        })}
        aria-keyshortcuts="ArrowLeft ArrowRight Home End"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDragMs(null)}
        onKeyDown={onKeyDown}
        sx={{
          cursor: 'pointer',
          touchAction: 'none',
          borderRadius: 1,
          '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2 },
        }}
      >
        <canvas ref={canvas} style={{ display: 'block', width: '100%', height }} />
      </Box>
    </Box>
  );
};
