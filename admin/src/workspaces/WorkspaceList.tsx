import { BooleanInput, DataTable, List } from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ListError } from '../components/ErrorState';
import { SearchFilter } from '../components/SearchFilter';
import { StatusChipField } from '../components/StatusChip';
import { useMe } from '../providers/useMe';
import type { Workspace } from '../types';
import { SwitchToWorkspaceButton } from './SwitchToWorkspaceButton';

const search = <SearchFilter key="q" source="q" alwaysOn ariaLabel="mina.workspace.search" />;
// The API lists every workspace to instance admins who ask for `all`; without it, their memberships.
const allFilter = (
  <BooleanInput key="all" source="all" label="mina.workspace.all" alwaysOn parse={(v: boolean) => v || undefined} />
);

const WorkspaceList = () => {
  const { data: me } = useMe();
  const admin = Boolean(me?.isInstanceAdmin);
  return (
    <List<Workspace>
      // Remounts once `me` is known, so an instance admin starts on every workspace.
      key={admin ? 'admin' : 'member'}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={admin ? [search, allFilter] : [search]}
      filterDefaultValues={admin ? { all: true } : {}}
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
        <DataTable.Col disableSort label=" " render={() => <SwitchToWorkspaceButton />} />
      </DataTable>
    </List>
  );
};

export default WorkspaceList;
