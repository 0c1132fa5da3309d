import { MenuItem, TextField } from '@mui/material';
import { useCanAccess, useNotify, useRecordContext, useTranslate, useUpdate } from 'react-admin';
import { StatusChip } from '../components/StatusChip';
import { errorMessage } from '../providers/errors';
import { TASK_STATUSES, type Task, type TaskStatus } from '../types';

/** Changes a task's status in place; optimistic, rolled back if the API refuses. */
export const TaskStatusSelect = () => {
  const task = useRecordContext<Task>();
  const translate = useTranslate();
  const notify = useNotify();
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'tasks', record: task });
  const [update] = useUpdate<Task>();
  if (!task) return null;
  if (!canAccess) return <StatusChip value={task.status} />;

  const onChange = (status: TaskStatus) =>
    update(
      'tasks',
      { id: task.id, data: { status }, previousData: task },
      {
        mutationMode: 'optimistic',
        onSuccess: () =>
          notify('mina.tasks.status_changed', {
            messageArgs: { title: task.title, status: translate(`mina.status.${status}`) },
          }),
        onError: (error) => notify(errorMessage(error), { type: 'error' }),
      },
    );

  return (
    <TextField
      select
      size="small"
      variant="standard"
      value={task.status}
      onChange={(e) => void onChange(e.target.value as TaskStatus)}
      onClick={(e) => e.stopPropagation()}
      slotProps={{ htmlInput: { 'aria-label': translate('mina.tasks.status_of', { title: task.title }) } }}
      sx={{ minWidth: 130 }}
    >
      {TASK_STATUSES.map((status) => (
        <MenuItem key={status} value={status}>
          {translate(`mina.status.${status}`)}
        </MenuItem>
      ))}
    </TextField>
  );
};
