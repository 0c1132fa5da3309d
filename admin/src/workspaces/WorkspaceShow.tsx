import { Card, CardContent, Grid, Typography } from '@mui/material';
import {
  EditButton,
  Labeled,
  ShowBase,
  TextField,
  Title,
  TopToolbar,
  useShowContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { JsonBlock } from '../components/JsonBlock';
import { showStates } from '../components/ShowStates';
import { StatusChip } from '../components/StatusChip';
import { MembersPanel } from '../members/MembersPanel';
import type { Workspace } from '../types';
import { SwitchToWorkspaceButton } from './SwitchToWorkspaceButton';

const WorkspaceDetails = () => {
  const { record } = useShowContext<Workspace>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      <Title title={record.name} />
      <TopToolbar>
        <SwitchToWorkspaceButton />
        <EditButton />
      </TopToolbar>
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {record.name}
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Labeled source="slug">
                <TextField source="slug" />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Labeled source="role">
                <StatusChip value={record.role ?? undefined} prefix="mina.role" />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Labeled source="createdAt">
                <DateTimeField source="createdAt" />
              </Labeled>
            </Grid>
            <Grid size={12}>
              <Typography variant="caption" color="text.secondary" component="p">
                {translate('resources.workspaces.fields.settings')}
              </Typography>
              <JsonBlock
                label={translate('resources.workspaces.fields.settings')}
                value={record.settings ?? {}}
              />
            </Grid>
          </Grid>
        </CardContent>
      </Card>
      <MembersPanel workspace={record} />
    </>
  );
};

const WorkspaceShow = () => (
  <ShowBase {...showStates}>
    <WorkspaceDetails />
  </ShowBase>
);

export default WorkspaceShow;
