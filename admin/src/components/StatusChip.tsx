import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import { Chip, type ChipProps } from '@mui/material';
import type { ReactElement } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';

type Color = NonNullable<ChipProps['color']>;

const COLORS: Record<string, Color> = {
  // sessions, pipeline stages, meetings
  pending: 'default',
  uploading: 'primary',
  queued: 'default',
  recording: 'error',
  live: 'error',
  transcribing: 'warning',
  processing: 'info',
  running: 'info',
  waiting: 'default',
  skipped: 'warning',
  completed: 'success',
  ready: 'success',
  error: 'error',
  failed: 'error',
  draft: 'default',
  scheduled: 'info',
  cancelled: 'default',
  // tasks
  open: 'info',
  in_progress: 'primary',
  blocked: 'warning',
  done: 'success',
  low: 'default',
  medium: 'info',
  high: 'warning',
  urgent: 'error',
  // SLO and backups
  ok: 'success',
  warning: 'warning',
  breach: 'error',
  no_data: 'default',
  verified: 'success',
  succeeded: 'success',
};

/** Statuses whose chip also carries a shape (colour is never the only cue; the label names the status). */
const ICONS: Record<string, ReactElement> = {
  uploading: <CloudUploadIcon aria-hidden />,
  queued: <HourglassTopIcon aria-hidden />,
};

interface Props {
  value: string | null | undefined;
  /** i18n prefix, e.g. "mina.status" → "mina.status.recording". */
  prefix?: string;
  size?: ChipProps['size'];
  /** Shown after the status, e.g. "42 %" or "3rd in line". */
  detail?: string;
}

export const StatusChip = ({ value, prefix = 'mina.status', size = 'small', detail }: Props) => {
  const translate = useTranslate();
  if (!value) return null;
  const name = translate(`${prefix}.${value}`, { _: value.replace(/_/g, ' ') });
  return (
    <Chip
      size={size}
      color={COLORS[value] ?? 'default'}
      variant={COLORS[value] && COLORS[value] !== 'default' ? 'filled' : 'outlined'}
      icon={ICONS[value]}
      data-status={value}
      label={detail ? `${name} · ${detail}` : name}
    />
  );
};

export const StatusChipField = ({ source, prefix }: { source: string; prefix?: string; label?: string }) => {
  const record = useRecordContext();
  return <StatusChip value={record?.[source] as string | undefined} prefix={prefix} />;
};
