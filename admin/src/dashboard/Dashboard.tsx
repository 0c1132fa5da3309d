import { Box, Grid } from '@mui/material';
import { Title, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../providers/canAccess';
import { BackupWidget, DeadLettersWidget, SloWidget } from './AdminWidgets';
import { InvitationsWidget } from './InvitationsWidget';
import { MyTasksWidget } from './MyTasksWidget';
import { RecentSessionsWidget } from './RecentSessionsWidget';
import { SpeechRecognitionNotice } from './SpeechRecognitionNotice';
import { WelcomeWidget } from './WelcomeWidget';

const Dashboard = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  return (
    <Box mt={1}>
      <Title title={translate('mina.dashboard.title')} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12 }} order={-2}>
          <InvitationsWidget />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <WelcomeWidget />
        </Grid>
        {permissions?.role ? (
          <>
            <Grid size={{ xs: 12 }} order={-1}>
              <SpeechRecognitionNotice />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <MyTasksWidget />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <RecentSessionsWidget />
            </Grid>
          </>
        ) : null}
        {permissions?.isInstanceAdmin ? (
          <>
            <Grid size={{ xs: 12, md: 4 }}>
              <SloWidget />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <DeadLettersWidget />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <BackupWidget />
            </Grid>
          </>
        ) : null}
      </Grid>
    </Box>
  );
};

export default Dashboard;
