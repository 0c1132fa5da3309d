import { useTranslate } from 'react-admin';
import { StatusChip } from '../components/StatusChip';
import type { Session } from '../types';

type Progressing = Pick<Session, 'status'> & Partial<Pick<Session, 'progress' | 'queuePosition'>>;

/** "42 %" while transcribing, "#3 in line" while queued: the numbers a waiting upload gets. */
export function useStatusDetail() {
  const translate = useTranslate();
  return (s: Progressing): string | undefined => {
    if (s.status === 'queued' && typeof s.queuePosition === 'number')
      return translate('mina.uploads.in_line', { position: s.queuePosition });
    if (s.status === 'transcribing' && typeof s.progress === 'number')
      return `${Math.round(s.progress * 100)} %`;
    return undefined;
  };
}

/** A session's status chip with its upload progress or queue position. */
export const SessionStatusChip = ({ session }: { session: Progressing }) => {
  const detail = useStatusDetail();
  return <StatusChip value={session.status} detail={detail(session)} />;
};
