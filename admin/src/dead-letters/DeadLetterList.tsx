import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Typography } from '@mui/material';
import { useIsMutating } from '@tanstack/react-query';
import { DataTable, List, TextInput, useTranslate } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { EmptyState } from '../components/EmptyState';
import { ListError } from '../components/ErrorState';
import { isFeatureAbsent } from '../providers/errors';
import type { DeadLetter } from '../types';
import { BulkDiscardButton, BulkRetryButton, DiscardButton, RetryButton } from './DeadLetterButtons';

const REFRESH_MS = 5_000;

const filters = [<TextInput key="queue" source="queue" />, <TextInput key="sessionId" source="sessionId" />];

const BulkActions = () => (
  <>
    <BulkRetryButton />
    <BulkDiscardButton />
  </>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <EmptyState icon={<InboxIcon />} title={translate('mina.dead_letters.empty')}>
      <Typography variant="body2">{translate('mina.dead_letters.empty_help')}</Typography>
    </EmptyState>
  );
};

const truncate = (text: string | null, max = 90) =>
  !text ? '–' : text.length > max ? `${text.slice(0, max - 1)}…` : text;

const DeadLetterList = () => {
  const translate = useTranslate();
  // Pause the auto-refresh while a retry or discard is on the wire, so it cannot
  // resurrect a row that was just removed optimistically.
  const mutating = useIsMutating() > 0;
  return (
    <List<DeadLetter>
      sort={{ field: 'failedAt', order: 'DESC' }}
      perPage={25}
      filters={filters}
      exporter={false}
      empty={<Empty />}
      error={<ListError absentMessage={translate('mina.dead_letters.absent')} />}
      queryOptions={{
        refetchInterval: (query) => (mutating || isFeatureAbsent(query.state.error) ? false : REFRESH_MS),
        // Errors are shown in the page (with the 404 "not deployed" case), not as toasts.
        onError: () => undefined,
      }}
    >
      <Box px={2} pt={1}>
        <Typography variant="caption" color="text.secondary">
          {translate('mina.dead_letters.auto_refresh', { seconds: REFRESH_MS / 1000 })}
        </Typography>
      </Box>
      <DataTable<DeadLetter> rowClick="show" bulkActionButtons={<BulkActions />}>
        <DataTable.Col source="queue" />
        <DataTable.Col source="jobName" />
        <DataTable.Col
          source="sessionId"
          disableSort
          render={(r) => (
            <Box component="code" title={r.sessionId ?? undefined} sx={{ fontSize: 12 }}>
              {r.sessionId ? r.sessionId.slice(0, 8) : '–'}
            </Box>
          )}
        />
        <DataTable.NumberCol source="attempts" />
        <DataTable.Col
          source="error"
          disableSort
          render={(r) => (
            <Typography variant="body2" title={r.error ?? undefined} sx={{ maxWidth: 420 }}>
              {truncate(r.error)}
            </Typography>
          )}
        />
        <DataTable.Col
          source="failedAt"
          field={(p: { source: string }) => <DateTimeField {...p} relative />}
        />
        <DataTable.Col
          label="mina.dead_letters.actions"
          disableSort
          render={() => (
            <Box display="flex" gap={0.5} whiteSpace="nowrap">
              <RetryButton />
              <DiscardButton />
            </Box>
          )}
        />
      </DataTable>
    </List>
  );
};

export default DeadLetterList;
