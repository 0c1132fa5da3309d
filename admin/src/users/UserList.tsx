import BlockIcon from '@mui/icons-material/Block';
import {
  BulkUpdateButton,
  CreateButton,
  DataTable,
  ExportButton,
  List,
  NullableBooleanInput,
  TopToolbar,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { ListError } from '../components/ErrorState';
import { SearchFilter } from '../components/SearchFilter';
import type { User } from '../types';
import { ActiveChip, RoleChips } from './UserBadges';

const filters = [
  <SearchFilter key="q" source="q" alwaysOn ariaLabel="mina.users.search" />,
  <NullableBooleanInput key="isActive" source="isActive" alwaysOn />,
  <NullableBooleanInput key="isInstanceAdmin" source="isInstanceAdmin" alwaysOn sx={{ minWidth: 210 }} />,
];

const Actions = () => (
  <TopToolbar>
    <CreateButton label="mina.users.create" />
    <ExportButton />
  </TopToolbar>
);

const BulkActions = () => (
  <BulkUpdateButton
    label="mina.users.bulk_disable"
    data={{ isActive: false }}
    icon={<BlockIcon />}
    mutationMode="optimistic"
    confirmTitle="mina.users.bulk_disable_title"
    confirmContent="mina.users.bulk_disable_content"
    successMessage="mina.users.bulk_disabled"
  />
);

const UserList = () => (
  <List<User>
    filters={filters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    actions={<Actions />}
    error={<ListError />}
  >
    <DataTable<User> rowClick="show" bulkActionButtons={<BulkActions />}>
      <DataTable.Col source="email" />
      <DataTable.Col source="name" />
      <DataTable.Col source="isActive" disableSort render={() => <ActiveChip />} />
      <DataTable.Col source="isInstanceAdmin" disableSort render={() => <RoleChips />} />
      <DataTable.Col source="lastLoginAt" field={DateTimeField} sortByOrder="DESC" />
      <DataTable.Col source="createdAt" field={DateTimeField} sortByOrder="DESC" />
    </DataTable>
  </List>
);

export default UserList;
