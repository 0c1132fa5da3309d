import { Alert, AlertTitle } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import type { ContentDeleted } from '@mina/contract/views';

type WithTombstone = object & { contentDeleted?: ContentDeleted };

/** The line the transcript shows instead of "nothing was said" once retention deleted it. */
export function useDeletedTranscriptText(session: WithTombstone | undefined): string | undefined {
  const translate = useTranslate();
  const deleted = session?.contentDeleted;
  return deleted ? translate('mina.retention.transcript_deleted', { smart_count: deleted.policyDays }) : undefined;
}

/** On a session whose content the retention policy deleted: when, after how many days, and what stayed. */
export const ContentDeletedNotice = ({ session }: { session: WithTombstone }) => {
  const translate = useTranslate();
  const deleted = session.contentDeleted;
  if (!deleted) return null;
  return (
    <Alert severity="info" data-testid="content-deleted">
      <AlertTitle>{translate('mina.retention.deleted_title')}</AlertTitle>
      {translate('mina.retention.deleted_on')} <DateTimeText value={deleted.at} />{' '}
      {translate(deleted.tasksKept ? 'mina.retention.deleted_body_tasks_kept' : 'mina.retention.deleted_body', { smart_count: deleted.policyDays })}
    </Alert>
  );
};
