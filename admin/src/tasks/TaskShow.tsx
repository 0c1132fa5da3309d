import { Card, CardContent, Grid, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  EditButton,
  Labeled,
  Link,
  ReferenceField,
  ShowBase,
  Title,
  TopToolbar,
  useShowContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../components/DateTimeText';
import { showStates } from '../components/ShowStates';
import { StatusChip } from '../components/StatusChip';
import { formatOffset } from '../format/time';
import type { Task } from '../types';
import { DueDate } from './DueDate';
import { Value } from '../components/Value';
import { TaskStatusSelect } from './TaskStatusSelect';
import { useAssigneeLabel } from './useAssignees';

const Cell = ({ children }: { children: ReactNode }) => (
  <Grid size={{ xs: 12, sm: 6, md: 4 }}>{children}</Grid>
);

const TaskDetails = () => {
  const { record } = useShowContext<Task>();
  const translate = useTranslate();
  const assignee = useAssigneeLabel();
  if (!record) return null;
  return (
    <>
      <Title title={record.title} />
      <TopToolbar>
        <EditButton />
      </TopToolbar>
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {record.title}
          </Typography>
          {record.description ? (
            <Typography sx={{ whiteSpace: 'pre-wrap' }} gutterBottom>
              {record.description}
            </Typography>
          ) : null}
          <Grid container spacing={2}>
            <Cell>
              <Labeled source="status">
                <TaskStatusSelect />
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="priority">
                <StatusChip value={record.priority} prefix="mina.priority" />
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="assigneeName">
                <Value>{assignee(record) ?? translate('mina.tasks.unassigned')}</Value>
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="dueDate">
                <DueDate />
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="dependsOnId">
                <ReferenceField source="dependsOnId" reference="tasks" link="show" emptyText="–" />
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="sessionId">
                {record.sessionId ? (
                  <Link
                    to={`/sessions/${encodeURIComponent(record.sessionId)}/show${
                      record.sourceStartMs !== null ? `?t=${record.sourceStartMs}` : ''
                    }`}
                  >
                    {record.sourceStartMs !== null
                      ? translate('mina.tasks.source_at', { time: formatOffset(record.sourceStartMs) })
                      : translate('mina.tasks.source')}
                  </Link>
                ) : (
                  <Value>–</Value>
                )}
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="meetingId">
                <ReferenceField source="meetingId" reference="meetings" link="show" emptyText="–" />
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="completedAt">
                <DateTimeField source="completedAt" />
              </Labeled>
            </Cell>
            <Cell>
              <Labeled source="createdAt">
                <DateTimeField source="createdAt" />
              </Labeled>
            </Cell>
          </Grid>
        </CardContent>
      </Card>
    </>
  );
};

const TaskShow = () => (
  <ShowBase {...showStates}>
    <TaskDetails />
  </ShowBase>
);

export default TaskShow;
