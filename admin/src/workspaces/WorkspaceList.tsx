import { DataTable, List } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ListError } from '../components/ErrorState';
import { SearchFilter } from '../components/SearchFilter';
import { StatusChipField } from '../components/StatusChip';
import type { Workspace } from '../types';

const filters = [<SearchFilter key="q" source="q" alwaysOn ariaLabel="mina.workspace.search" />];

const WorkspaceList = () => (
  <List<Workspace>
    sort={{ field: 'createdAt', order: 'DESC' }}
    filters={filters}
    error={<ListError />}
    exporter={false}
  >
    <DataTable<Workspace> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="slug" />
      <DataTable.Col
        source="role"
        disableSort
        field={(p: { source: string }) => <StatusChipField {...p} prefix="mina.role" />}
      />
      <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
    </DataTable>
  </List>
);

export default WorkspaceList;
