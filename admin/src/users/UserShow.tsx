import { Card, CardContent, Grid, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  EditButton,
  Labeled,
  ShowBase,
  TextField,
  Title,
  TopToolbar,
  useRecordContext,
  useShowContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { showStates } from '../components/ShowStates';
import type { User } from '../types';
import { AuditTrail } from './AuditTrail';
import { ResetPasswordButton } from './ResetPasswordButton';
import { ToggleActiveButton } from './ToggleActiveButton';
import { ActiveChip, RoleChips } from './UserBadges';

const Item = ({ children }: { children: ReactNode }) => (
  <Grid size={{ xs: 12, sm: 6, md: 4 }}>{children}</Grid>
);

const UserTitle = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  return <Title title={record ? translate('mina.users.title', { email: record.email }) : ''} />;
};

const UserDetails = () => {
  const { record } = useShowContext<User>();
  if (!record) return null;
  return (
    <>
      <UserTitle />
      <TopToolbar>
        <EditButton />
        <ToggleActiveButton />
        <ResetPasswordButton />
      </TopToolbar>
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {record.name || record.email}
          </Typography>
          <Grid container spacing={2}>
            <Item>
              <Labeled source="email">
                <TextField source="email" />
              </Labeled>
            </Item>
            <Item>
              <Labeled source="name">
                <TextField source="name" emptyText="–" />
              </Labeled>
            </Item>
            <Item>
              <Labeled source="isActive">
                <ActiveChip />
              </Labeled>
            </Item>
            <Item>
              <Labeled source="isInstanceAdmin">
                <RoleChips explicit />
              </Labeled>
            </Item>
            <Item>
              <Labeled source="lastLoginAt">
                <DateTimeField source="lastLoginAt" />
              </Labeled>
            </Item>
            <Item>
              <Labeled source="createdAt">
                <DateTimeField source="createdAt" />
              </Labeled>
            </Item>
          </Grid>
        </CardContent>
      </Card>
      <AuditTrail target={`user:${record.id}`} />
    </>
  );
};

const UserShow = () => (
  <ShowBase {...showStates}>
    <UserDetails />
  </ShowBase>
);

export default UserShow;
