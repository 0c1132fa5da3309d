import { Box, Card, CardHeader } from '@mui/material';
import {
  DataTable,
  DeleteWithConfirmButton,
  Pagination,
  ReferenceManyField,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import type { Member, Workspace } from '../types';
import { AddMemberButton } from './AddMemberButton';
import { MemberRoleSelect } from './MemberRoleSelect';
import { PendingInvitations } from './PendingInvitations';

export const MembersPanel = ({ workspace }: { workspace: Workspace }) => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-labelledby="members-title" sx={{ mt: 2 }}>
      <CardHeader
        title={translate('mina.members.title')}
        slotProps={{ title: { id: 'members-title', component: 'h2', variant: 'h6' } }}
        action={<AddMemberButton workspace={workspace} />}
      />
      <ReferenceManyField
        reference="members"
        target="workspaceId"
        record={workspace}
        sort={{ field: 'createdAt', order: 'ASC' }}
        perPage={25}
        pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      >
        <DataTable<Member>
          rowClick={false}
          bulkActionButtons={false}
          empty={<Box p={2}>{translate('mina.members.empty')}</Box>}
        >
          <DataTable.Col source="name" disableSort />
          <DataTable.Col source="email" disableSort />
          <DataTable.Col source="role" disableSort render={() => <MemberRoleSelect />} />
          <DataTable.Col source="createdAt" field={DateTimeField} disableSort />
          <DataTable.Col
            label="mina.members.actions"
            disableSort
            render={(member) => (
              <DeleteWithConfirmButton
                record={member as Member}
                resource="members"
                label="mina.members.remove"
                redirect={false}
                mutationMode="pessimistic"
                confirmTitle="mina.members.remove_title"
                confirmContent="mina.members.remove_content"
                translateOptions={{ email: member.email }}
                aria-label={translate('mina.members.remove_named', { email: member.email })}
              />
            )}
          />
        </DataTable>
      </ReferenceManyField>
      <PendingInvitations workspace={workspace} />
    </Card>
  );
};
