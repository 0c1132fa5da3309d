import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

type Color = NonNullable<ChipProps['color']>;

const COLORS: Record<string, Color> = {
  // sessions, pipeline stages, meetings
  pending: 'default',
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

interface Props {
  value: string | null | undefined;
  /** i18n prefix, e.g. "mina.status" → "mina.status.recording". */
  prefix?: string;
  size?: ChipProps['size'];
}

export const StatusChip = ({ value, prefix = 'mina.status', size = 'small' }: Props) => {
  const translate = useTranslate();
  if (!value) return null;
  return (
    <Chip
      size={size}
      color={COLORS[value] ?? 'default'}
      variant={COLORS[value] && COLORS[value] !== 'default' ? 'filled' : 'outlined'}
      label={translate(`${prefix}.${value}`, { _: value.replace(/_/g, ' ') })}
    />
  );
};

export const StatusChipField = ({ source, prefix }: { source: string; prefix?: string; label?: string }) => {
  const record = useRecordContext();
  return <StatusChip value={record?.[source] as string | undefined} prefix={prefix} />;
};
