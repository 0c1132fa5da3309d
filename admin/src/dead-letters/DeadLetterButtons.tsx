import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import ReplayIcon from '@mui/icons-material/Replay';
import {
  BulkDeleteWithConfirmButton,
  DeleteWithConfirmButton,
  useCanAccess,
  useRecordContext,
  useTranslate,
  type RedirectionSideEffect,
} from 'react-admin';
import type { DeadLetter } from '../types';

/**
 * Retry and discard both take the job off this list, so both ride on react-admin's delete
 * machinery (confirmation, optimistic removal, rollback on error); the data provider turns
 * `meta.action: "retry"` into POST /:id/retry.
 */
const RETRY = { meta: { action: 'retry' } };

export const RetryButton = ({ redirect = false }: { redirect?: RedirectionSideEffect }) => {
  const record = useRecordContext<DeadLetter>();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ action: 'retry', resource: 'dead-letters', record });
  if (!record || !canAccess) return null;
  return (
    <DeleteWithConfirmButton
      label="mina.dead_letters.retry"
      icon={<ReplayIcon />}
      color="primary"
      mutationMode="optimistic"
      mutationOptions={RETRY}
      redirect={redirect}
      confirmTitle="mina.dead_letters.retry_title"
      confirmContent="mina.dead_letters.retry_content"
      translateOptions={{ job: record.jobName, queue: record.queue }}
      successMessage="mina.dead_letters.retried"
      aria-label={translate('mina.dead_letters.retry')}
    />
  );
};

export const DiscardButton = ({ redirect = false }: { redirect?: RedirectionSideEffect }) => {
  const record = useRecordContext<DeadLetter>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <DeleteWithConfirmButton
      label="mina.dead_letters.discard"
      icon={<DeleteForeverIcon />}
      mutationMode="optimistic"
      redirect={redirect}
      confirmTitle="mina.dead_letters.discard_title"
      confirmContent="mina.dead_letters.discard_content"
      confirmColor="warning"
      translateOptions={{ job: record.jobName, queue: record.queue }}
      successMessage="mina.dead_letters.discarded"
      aria-label={translate('mina.dead_letters.discard')}
    />
  );
};

export const BulkRetryButton = () => (
  <BulkDeleteWithConfirmButton
    label="mina.dead_letters.retry_selected"
    icon={<ReplayIcon />}
    color="primary"
    mutationMode="optimistic"
    mutationOptions={RETRY}
    confirmTitle="mina.dead_letters.bulk_retry_title"
    confirmContent="mina.dead_letters.bulk_retry_content"
    successMessage="mina.dead_letters.bulk_retried"
  />
);

export const BulkDiscardButton = () => (
  <BulkDeleteWithConfirmButton
    label="mina.dead_letters.discard_selected"
    icon={<DeleteForeverIcon />}
    mutationMode="optimistic"
    confirmTitle="mina.dead_letters.bulk_discard_title"
    confirmContent="mina.dead_letters.bulk_discard_content"
    confirmColor="warning"
    successMessage="mina.dead_letters.bulk_discarded"
  />
);
