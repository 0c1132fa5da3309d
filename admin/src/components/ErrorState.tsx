import { Alert, AlertTitle, Box, Button } from '@mui/material';
import type { ReactNode } from 'react';
import { useListContext, useTranslate } from 'react-admin';
import { errorBody, errorMessage, isFeatureAbsent } from '../providers/errors';

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  /** Shown instead of the error when the endpoint does not exist on this server (404). */
  absentMessage?: ReactNode;
}

export const ErrorState = ({ error, onRetry, absentMessage }: ErrorStateProps) => {
  const translate = useTranslate();
  if (absentMessage && isFeatureAbsent(error)) {
    return (
      <Box p={2}>
        <Alert severity="info" role="status">
          {absentMessage}
        </Alert>
      </Box>
    );
  }
  const requestId = errorBody(error)?.requestId;
  return (
    <Box p={2}>
      <Alert
        severity="error"
        role="alert"
        action={
          onRetry ? (
            <Button color="inherit" size="small" onClick={onRetry}>
              {translate('mina.action.retry_load')}
            </Button>
          ) : undefined
        }
      >
        <AlertTitle>{translate('mina.error.load_failed')}</AlertTitle>
        {errorMessage(error)}
        {requestId ? ` (${translate('mina.error.request_id', { id: requestId })})` : null}
      </Alert>
    </Box>
  );
};

/** For `<List error={…}>`: the list's own error, with a retry. */
export const ListError = ({ absentMessage }: { absentMessage?: ReactNode }) => {
  const { error, refetch } = useListContext();
  return <ErrorState error={error} onRetry={() => void refetch()} absentMessage={absentMessage} />;
};
