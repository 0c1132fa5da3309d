import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { StatusChip } from '../../components/StatusChip';
import { useAssigneeLabel } from '../../tasks/useAssignees';
import type { StageInfo, Task } from '../../types';
import { StagePlaceholder } from './StagePlaceholder';
import { TimeLink } from './TimeLink';

export const InsightTasks = ({
  tasks,
  stage,
  onSeek,
}: {
  tasks: Task[] | undefined;
  stage: StageInfo;
  onSeek: (ms: number) => void;
}) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const assignee = useAssigneeLabel();
  return (
    <Card component="section" aria-labelledby="insight-tasks-title">
      <CardContent>
        <Typography id="insight-tasks-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.insights.tasks')}
        </Typography>
        {!tasks || tasks.length === 0 ? (
          <StagePlaceholder stage="tasks" state={stage} />
        ) : (
          <Box
            component="ul"
            aria-label={translate('mina.insights.tasks')}
            sx={{ listStyle: 'none', p: 0, m: 0 }}
          >
            {tasks.map((task) => (
              <Box component="li" key={task.id} sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}>
                <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
                  <Link to={createPath({ resource: 'tasks', type: 'show', id: task.id })}>{task.title}</Link>
                  <StatusChip value={task.priority} prefix="mina.priority" />
                  <StatusChip value={task.status} />
                </Stack>
                <Typography variant="caption" color="text.secondary" component="p">
                  {assignee(task) ?? translate('mina.tasks.unassigned')}
                  {task.dueDate ? ` · ${translate('mina.tasks.due_on', { date: task.dueDate })}` : ''}{' '}
                  <TimeLink ms={task.sourceStartMs} onSeek={onSeek} />
                </Typography>
              </Box>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
