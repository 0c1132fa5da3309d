import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { Box, Typography } from '@mui/material';
import { Link, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { errorMessage } from '../providers/errors';
import type { Task } from '../types';
import { Widget } from './Widget';

export const MyTasksWidget = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { data, total, isPending, error } = useGetList<Task>('tasks', {
    filter: { mine: true, open: true },
    pagination: { page: 1, perPage: 5 },
    sort: { field: 'dueDate', order: 'ASC' },
  });
  const all = `/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true }))}`;
  return (
    <Widget
      id="my-tasks"
      icon={<TaskAltIcon />}
      title={translate('mina.dashboard.my_tasks', { smart_count: total ?? 0 })}
      loading={isPending}
      action={<Link to={all}>{translate('mina.dashboard.see_all')}</Link>}
    >
      {error ? (
        <Typography color="error" variant="body2">
          {errorMessage(error)}
        </Typography>
      ) : data?.length ? (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {data.map((t) => (
            <li key={t.id}>
              <Link to={createPath({ resource: 'tasks', type: 'show', id: t.id })}>{t.title}</Link>
              {t.dueDate ? (
                <Typography component="span" variant="caption" color="text.secondary">
                  {' '}
                  · {translate('mina.tasks.due_on', { date: t.dueDate })}
                </Typography>
              ) : null}
            </li>
          ))}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('mina.dashboard.no_tasks')}
        </Typography>
      )}
    </Widget>
  );
};
