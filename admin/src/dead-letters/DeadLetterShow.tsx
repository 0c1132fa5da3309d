import { Alert, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import {
  Labeled,
  Link,
  NumberField,
  ShowBase,
  TextField,
  Title,
  TopToolbar,
  useShowContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { CodeBlock, JsonBlock } from '../components/JsonBlock';
import { showStates } from '../components/ShowStates';
import { Value } from '../components/Value';
import type { DeadLetter } from '../types';
import { DiscardButton, RetryButton } from './DeadLetterButtons';

const DeadLetterDetails = () => {
  const { record } = useShowContext<DeadLetter>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      <Title title={translate('mina.dead_letters.title', { job: record.jobName })} />
      <TopToolbar>
        <RetryButton redirect="list" />
        <DiscardButton redirect="list" />
      </TopToolbar>
      <Stack gap={2}>
        <Card>
          <CardContent>
            <Typography component="h1" variant="h5" gutterBottom>
              {record.jobName}
            </Typography>
            <Grid container spacing={2}>
              <Grid size={{ xs: 6, md: 2 }}>
                <Labeled source="queue">
                  <TextField source="queue" />
                </Labeled>
              </Grid>
              <Grid size={{ xs: 6, md: 2 }}>
                <Labeled source="attempts">
                  <NumberField source="attempts" />
                </Labeled>
              </Grid>
              <Grid size={{ xs: 12, md: 4 }}>
                <Labeled source="sessionId">
                  {record.sessionId ? (
                    <Link to={`/sessions/${encodeURIComponent(record.sessionId)}/show`}>
                      <code>{record.sessionId}</code>
                    </Link>
                  ) : (
                    <Value>–</Value>
                  )}
                </Labeled>
              </Grid>
              <Grid size={{ xs: 6, md: 2 }}>
                <Labeled source="failedAt">
                  <DateTimeField source="failedAt" />
                </Labeled>
              </Grid>
              <Grid size={{ xs: 6, md: 2 }}>
                <Labeled source="createdAt">
                  <DateTimeField source="createdAt" />
                </Labeled>
              </Grid>
            </Grid>
            {record.error ? (
              <Alert severity="error" sx={{ mt: 2, whiteSpace: 'pre-wrap' }}>
                {record.error}
              </Alert>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <Typography component="h2" variant="h6" gutterBottom>
              {translate('mina.dead_letters.stack')}
            </Typography>
            <CodeBlock label={translate('mina.dead_letters.stack')}>{record.stack || '–'}</CodeBlock>
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <Typography component="h2" variant="h6" gutterBottom>
              {translate('mina.dead_letters.data')}
            </Typography>
            <JsonBlock label={translate('mina.dead_letters.data')} value={record.data} />
          </CardContent>
        </Card>
      </Stack>
    </>
  );
};

const DeadLetterShow = () => (
  <ShowBase {...showStates}>
    <DeadLetterDetails />
  </ShowBase>
);

export default DeadLetterShow;
