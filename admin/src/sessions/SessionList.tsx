import { Stack } from '@mui/material';
import MicIcon from '@mui/icons-material/Mic';
import { Button, CanAccess, DataTable, ExportButton, Link, List, SelectInput, TopToolbar } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ListError } from '../components/ErrorState';
import { SearchFilter } from '../components/SearchFilter';
import { StatusChip } from '../components/StatusChip';
import { NotTranscribedChip } from './NotTranscribed';
import { formatSpan } from '../format/time';
import type { Session } from '../types';
import { sessionStatusChoices } from './statuses';

const filters = [
  <SearchFilter key="q" source="q" alwaysOn ariaLabel="mina.sessions.search" />,
  <SelectInput key="status" source="status" choices={sessionStatusChoices} alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <CanAccess action="create" resource="live">
      <Button label="mina.live.start_new" component={Link} to="/live">
        <MicIcon />
      </Button>
    </CanAccess>
    <ExportButton />
  </TopToolbar>
);

const duration = (s: Session) =>
  s.startedAt && s.endedAt ? formatSpan(Date.parse(s.endedAt) - Date.parse(s.startedAt)) : '–';

const SessionList = () => (
  <List<Session>
    sort={{ field: 'createdAt', order: 'DESC' }}
    filters={filters}
    actions={<Actions />}
    error={<ListError />}
  >
    <DataTable<Session> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="title" render={(s) => s.title || '–'} />
      <DataTable.Col
        source="status"
        render={(s) => (
          <Stack direction="row" gap={0.5} flexWrap="wrap">
            <StatusChip value={s.status} />
            <NotTranscribedChip session={s} />
          </Stack>
        )}
      />
      <DataTable.Col source="language" disableSort render={(s) => s.language ?? '–'} />
      <DataTable.Col source="startedAt" field={DateTimeField} sortByOrder="DESC" />
      <DataTable.Col source="duration" disableSort render={duration} />
      <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
    </DataTable>
  </List>
);

export default SessionList;
