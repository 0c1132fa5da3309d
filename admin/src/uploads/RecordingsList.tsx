import { Card, CardContent, Stack, Typography } from '@mui/material';
import { DataTable, ListBase, Pagination, useTranslate } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { formatSpan } from '../format/time';
import { NotTranscribedChip } from '../sessions/NotTranscribed';
import { SessionStatusChip } from '../sessions/SessionStatusChip';
import { isSessionActive } from '../sessions/statuses';
import type { Session } from '../types';

const POLL_MS = 5_000;

/** The filter the API applies: sessions created by an upload. */
export const UPLOADED = { source: 'upload' } as const;

/** Sessions made from uploaded recordings, newest first; refreshed while any is still on its way. */
export const RecordingsList = () => {
  const translate = useTranslate();
  return (
    <ListBase<Session>
      resource="sessions"
      filter={UPLOADED}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={10}
      disableSyncWithLocation
      storeKey={false}
      queryOptions={{
        refetchInterval: (query) =>
          query.state.data?.data.some((s) => isSessionActive(s.status)) ? POLL_MS : false,
      }}
    >
      <Card component="section" aria-labelledby="uploaded-recordings" sx={{ mt: 3 }}>
        <CardContent sx={{ pb: 0 }}>
          <Typography id="uploaded-recordings" variant="h6" component="h2">
            {translate('mina.uploads.recordings.title')}
          </Typography>
        </CardContent>
        <DataTable<Session>
          rowClick="show"
          bulkActionButtons={false}
          data-testid="uploaded-recordings"
          empty={
            <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
              {translate('mina.uploads.recordings.empty')}
            </Typography>
          }
        >
          <DataTable.Col source="title" render={(s) => s.title || '–'} />
          <DataTable.Col
            source="status"
            render={(s: Session) => (
              <Stack direction="row" gap={0.5} flexWrap="wrap">
                <SessionStatusChip session={s} />
                <NotTranscribedChip session={s} />
              </Stack>
            )}
          />
          <DataTable.Col source="duration" disableSort render={(s) => formatSpan(s.durationMs)} />
          <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
        </DataTable>
        <Pagination rowsPerPageOptions={[10, 25, 50]} />
      </Card>
    </ListBase>
  );
};
