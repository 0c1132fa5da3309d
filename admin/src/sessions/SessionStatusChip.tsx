import { useTranslate } from 'react-admin';
import { StatusChip } from '../components/StatusChip';
import type { Session } from '../types';

type Progressing = Pick<Session, 'status'> & Partial<Pick<Session, 'progress' | 'queuePosition' | 'stats'>>;

/** An upload's received fraction: `progress` on the record, else what the server keeps in stats.upload. */
function uploadProgress(s: Progressing): number | null {
  if (typeof s.progress === 'number') return s.progress;
  const upload = s.stats?.upload as { progress?: unknown } | undefined;
  return typeof upload?.progress === 'number' ? upload.progress : null;
}

/** "42 %" while uploading or transcribing, "#3 in line" while queued: the numbers a waiting upload gets. */
export function useStatusDetail() {
  const translate = useTranslate();
  return (s: Progressing): string | undefined => {
    if (s.status === 'queued' && typeof s.queuePosition === 'number')
      return translate('mina.uploads.in_line', { position: s.queuePosition });
    const progress =
      s.status === 'uploading' ? uploadProgress(s) : s.status === 'transcribing' ? s.progress : null;
    return typeof progress === 'number' ? `${Math.round(progress * 100)} %` : undefined;
  };
}

/** A session's status chip with its upload or transcription progress, or its place in the queue. */
export const SessionStatusChip = ({ session }: { session: Progressing }) => {
  const detail = useStatusDetail();
  return <StatusChip value={session.status} detail={detail(session)} />;
};
