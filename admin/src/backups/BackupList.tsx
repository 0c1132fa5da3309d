import BackupIcon from '@mui/icons-material/Backup';
import { Alert, Box, Tooltip } from '@mui/material';
import { DataTable, List, TopToolbar, useListContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { EmptyState } from '../components/EmptyState';
import { ErrorState } from '../components/ErrorState';
import { StatusChipField } from '../components/StatusChip';
import { formatBytes } from '../format/numbers';
import { errorCode, errorMessage, errorStatus, isFeatureAbsent } from '../providers/errors';
import type { Backup } from '../types';
import { RunBackupButton } from './RunBackupButton';
import { VerifyBackupButton } from './VerifyBackupButton';

const BUSY = new Set(['pending', 'running', 'queued']);

/** 404: backups not built into this server; 503 BACKUP_KEY_MISSING: an operator must set a key. */
const BackupError = () => {
  const { error, refetch } = useListContext();
  const translate = useTranslate();
  if (errorStatus(error) === 503 || errorCode(error) === 'BACKUP_KEY_MISSING') {
    return (
      <Box p={2}>
        <Alert severity="warning" role="alert">
          {errorMessage(error)}
        </Alert>
      </Box>
    );
  }
  return (
    <ErrorState
      error={error}
      onRetry={() => void refetch()}
      absentMessage={translate('mina.backups.absent')}
    />
  );
};

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box>
      <EmptyState icon={<BackupIcon />} title={translate('mina.backups.empty')} />
      <Box display="flex" justifyContent="center" pb={4}>
        <RunBackupButton />
      </Box>
    </Box>
  );
};

/** No "run now" on a server without backups. */
const Actions = () => {
  const { error } = useListContext();
  if (isFeatureAbsent(error)) return null;
  return (
    <TopToolbar>
      <RunBackupButton />
    </TopToolbar>
  );
};

const BackupList = () => {
  const translate = useTranslate();
  return (
    <List<Backup>
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      actions={<Actions />}
      empty={<Empty />}
      error={<BackupError />}
      queryOptions={{
        // Follow a running backup until it settles.
        refetchInterval: (query) =>
          (query.state.data?.data ?? []).some((b: Backup) => BUSY.has(b.status)) ? 5_000 : false,
        onError: () => undefined,
      }}
    >
      <DataTable<Backup> rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
        <DataTable.Col
          source="age"
          label="resources.backups.fields.age"
          disableSort
          field={(p: { source: string }) => <DateTimeField {...p} source="createdAt" relative />}
        />
        <DataTable.Col source="kind" disableSort />
        <DataTable.Col source="status" field={StatusChipField} disableSort />
        <DataTable.Col source="sizeBytes" render={(b) => formatBytes(b.sizeBytes)} />
        <DataTable.Col
          source="sha256"
          disableSort
          render={(b) =>
            b.sha256 ? (
              <Tooltip title={b.sha256}>
                <Box component="code" sx={{ fontSize: 12 }} tabIndex={0}>
                  {b.sha256.slice(0, 12)}…
                </Box>
              </Tooltip>
            ) : (
              '–'
            )
          }
        />
        <DataTable.Col
          source="verifiedAt"
          disableSort
          field={(p: { source: string }) => <DateTimeField {...p} relative />}
        />
        <DataTable.Col
          label={translate('mina.backups.actions')}
          disableSort
          render={() => <VerifyBackupButton />}
        />
      </DataTable>
    </List>
  );
};

export default BackupList;
