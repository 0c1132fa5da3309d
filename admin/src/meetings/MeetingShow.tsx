import MicIcon from '@mui/icons-material/Mic';
import { Box, Card, CardContent, CardHeader, Grid, Typography } from '@mui/material';
import {
  Button,
  CanAccess,
  DataTable,
  EditButton,
  Labeled,
  Link,
  ListContextProvider,
  ShowBase,
  Title,
  TopToolbar,
  useGetOne,
  useList,
  useShowContext,
  useTranslate,
} from 'react-admin';
import { AskAboutButton } from '../ask/AskAboutButton';
import { ExportMenu } from '../exports/ExportMenu';
import { DateTimeField } from '../components/DateTimeText';
import { showStates } from '../components/ShowStates';
import { StatusChip } from '../components/StatusChip';
import { Value } from '../components/Value';
import { NotTranscribedNotice } from '../sessions/NotTranscribed';
import { LegalHoldPanel } from '../retention/LegalHoldPanel';
import type { Meeting, Participant, Session } from '../types';

const Participants = ({ participants }: { participants: Participant[] }) => {
  const translate = useTranslate();
  const listContext = useList({ data: participants.map((p, i) => ({ ...p, id: p.userId ?? `p${i}` })) });
  return (
    <Card component="section" aria-labelledby="participants-title" sx={{ mt: 2 }}>
      <CardHeader
        title={translate('mina.meetings.participants')}
        slotProps={{ title: { id: 'participants-title', component: 'h2', variant: 'h6' } }}
      />
      <ListContextProvider value={listContext}>
        <DataTable
          resource="participants"
          rowClick={false}
          bulkActionButtons={false}
          empty={<Box p={2}>{translate('mina.meetings.no_participants')}</Box>}
        >
          <DataTable.Col source="name" label="resources.meetings.fields.participant_name" disableSort />
          <DataTable.Col source="email" label="resources.meetings.fields.participant_email" disableSort />
          <DataTable.Col source="role" label="resources.meetings.fields.participant_role" disableSort />
          <DataTable.Col
            source="status"
            label="resources.meetings.fields.participant_status"
            disableSort
            render={(p) => translate(`mina.participant.${p.status}`, { _: p.status })}
          />
        </DataTable>
      </ListContextProvider>
    </Card>
  );
};

/** The meeting's session, when its audio was kept but not transcribed: said here too. */
const MeetingSessionNotice = ({ sessionId }: { sessionId: string }) => {
  const { data: session } = useGetOne<Session>('sessions', { id: sessionId });
  if (!session?.transcription) return null;
  return (
    <Box mt={2}>
      <NotTranscribedNotice session={session} />
    </Box>
  );
};

const MeetingDetails = () => {
  const { record } = useShowContext<Meeting>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      <Title title={record.title} />
      <TopToolbar>
        {!record.sessionId && record.status !== 'completed' && record.status !== 'cancelled' ? (
          <CanAccess action="create" resource="live">
            <Button
              label="mina.meetings.start_live"
              component={Link}
              to={`/live?meetingId=${encodeURIComponent(record.id)}`}
            >
              <MicIcon />
            </Button>
          </CanAccess>
        ) : null}
        <AskAboutButton about="meeting" id={String(record.id)} />
        <ExportMenu resource="meetings" id={record.id} />
        <EditButton />
      </TopToolbar>
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {record.title}
          </Typography>
          {record.description ? (
            <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }} gutterBottom>
              {record.description}
            </Typography>
          ) : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 3 }}>
              <Labeled source="status">
                <StatusChip value={record.status} />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 12, sm: 3 }}>
              <Labeled source="scheduledStart">
                <DateTimeField source="scheduledStart" />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 12, sm: 3 }}>
              <Labeled source="scheduledEnd">
                <DateTimeField source="scheduledEnd" />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 12, sm: 3 }}>
              <Labeled source="sessionId">
                {record.sessionId ? (
                  <Link to={`/sessions/${encodeURIComponent(record.sessionId)}/show`}>
                    {translate('mina.meetings.open_session')}
                  </Link>
                ) : (
                  <Value>–</Value>
                )}
              </Labeled>
            </Grid>
          </Grid>
        </CardContent>
      </Card>
      {record.sessionId ? <MeetingSessionNotice sessionId={record.sessionId} /> : null}
      <LegalHoldPanel resource="meetings" record={record} />
      <Participants participants={record.participants ?? []} />
    </>
  );
};

const MeetingShow = () => (
  <ShowBase {...showStates}>
    <MeetingDetails />
  </ShowBase>
);

export default MeetingShow;
