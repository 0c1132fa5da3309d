import { Card, CardContent, CardHeader } from '@mui/material';
import { DataTable, ListBase, Pagination, useListContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ErrorState } from '../components/ErrorState';
import type { AuditEntry } from '../types';

const compact = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

const AuditTable = () => {
  const translate = useTranslate();
  const { error, refetch } = useListContext();
  if (error)
    return (
      <ErrorState
        error={error}
        onRetry={() => void refetch()}
        absentMessage={translate('mina.audit.absent')}
      />
    );
  return (
    <>
      <DataTable<AuditEntry>
        resource="audit"
        rowClick={false}
        bulkActionButtons={false}
        empty={<CardContent>{translate('mina.audit.empty')}</CardContent>}
        size="small"
      >
        <DataTable.Col source="at" field={DateTimeField} />
        <DataTable.Col source="action" disableSort />
        <DataTable.Col source="actorEmail" disableSort />
        <DataTable.Col source="ip" disableSort />
        <DataTable.Col
          source="data"
          disableSort
          render={(r) => <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{compact(r.data)}</code>}
        />
      </DataTable>
      <Pagination rowsPerPageOptions={[10, 25, 50]} />
    </>
  );
};

export const AuditTrail = ({ target }: { target: string }) => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-labelledby="audit-trail-title" sx={{ mt: 2 }}>
      <CardHeader
        title={translate('mina.audit.title')}
        slotProps={{ title: { id: 'audit-trail-title', component: 'h2', variant: 'h6' } }}
      />
      <ListBase
        resource="audit"
        filter={{ target }}
        sort={{ field: 'at', order: 'DESC' }}
        perPage={10}
        disableSyncWithLocation
        storeKey={false}
      >
        <AuditTable />
      </ListBase>
    </Card>
  );
};
