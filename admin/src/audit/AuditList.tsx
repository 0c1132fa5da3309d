import { Box } from '@mui/material';
import {
  DataTable,
  DateInput,
  FilterButton,
  List,
  TextInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ListError } from '../components/ErrorState';
import { JsonBlock } from '../components/JsonBlock';
import { ExportCsvButton } from './ExportCsvButton';
import type { AuditView } from '@mina/contract/views';

const filters = [
  <TextInput key="action" source="action" alwaysOn helperText="mina.audit_log.action_help" />,
  <TextInput key="actor" source="actor" alwaysOn helperText="mina.audit_log.actor_help" />,
  <TextInput key="target" source="target" />,
  <TextInput key="workspaceId" source="workspaceId" />,
  <TextInput key="ip" source="ip" />,
  <DateInput key="from" source="from" />,
  <DateInput key="to" source="to" />,
];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportCsvButton />
  </TopToolbar>
);

/** The whole entry, its data pretty-printed: what the row only summarizes. */
const EntryDetail = () => {
  const translate = useTranslate();
  const entry = useRecordContext<AuditView>();
  if (!entry) return null;
  return <JsonBlock label={translate('mina.audit_log.detail', { action: entry.action })} value={entry} />;
};

const compact = (data: Record<string, unknown>): string => {
  const text = JSON.stringify(data);
  return text === '{}' ? '–' : text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

const AuditList = () => {
  const translate = useTranslate();
  return (
    <List<AuditView>
      sort={{ field: 'at', order: 'DESC' }}
      perPage={25}
      filters={filters}
      actions={<Actions />}
      exporter={false}
      error={<ListError absentMessage={translate('mina.audit.absent')} />}
    >
      <DataTable<AuditView> rowClick="expand" expand={<EntryDetail />} bulkActionButtons={false}>
        <DataTable.Col source="at" field={DateTimeField} />
        <DataTable.Col source="action" />
        <DataTable.Col source="actorEmail" disableSort render={(r) => r.actorEmail ?? r.actorId ?? '–'} />
        <DataTable.Col source="target" disableSort render={(r) => r.target ?? '–'} />
        <DataTable.Col source="ip" disableSort render={(r) => r.ip ?? '–'} />
        <DataTable.Col
          source="data"
          disableSort
          render={(r) => (
            <Box component="code" sx={{ fontSize: 12, wordBreak: 'break-all' }}>
              {compact(r.data)}
            </Box>
          )}
        />
      </DataTable>
    </List>
  );
};

export default AuditList;
