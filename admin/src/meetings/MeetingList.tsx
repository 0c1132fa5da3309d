import { CreateButton, DataTable, ExportButton, List, SelectInput, TopToolbar } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ListError } from '../components/ErrorState';
import { SearchFilter } from '../components/SearchFilter';
import { StatusChipField } from '../components/StatusChip';
import type { Meeting } from '../types';
import { meetingStatusChoices } from './statuses';

const filters = [
  <SearchFilter key="q" source="q" alwaysOn ariaLabel="mina.meetings.search" />,
  <SelectInput key="status" source="status" choices={meetingStatusChoices} alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <CreateButton />
    <ExportButton />
  </TopToolbar>
);

const MeetingList = () => (
  <List<Meeting>
    sort={{ field: 'createdAt', order: 'DESC' }}
    filters={filters}
    actions={<Actions />}
    error={<ListError />}
  >
    <DataTable<Meeting> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="title" />
      <DataTable.Col source="status" field={StatusChipField} />
      <DataTable.Col source="scheduledStart" field={DateTimeField} />
      <DataTable.Col source="participants" disableSort render={(m) => m.participants?.length ?? 0} />
      <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
    </DataTable>
  </List>
);

export default MeetingList;
