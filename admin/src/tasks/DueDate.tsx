import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { isoDate } from '../format/time';
import type { Task } from '../types';

const CLOSED = new Set(['done', 'cancelled']);

export const DueDate = (_: { source?: string; label?: string }) => {
  const task = useRecordContext<Task>();
  const translate = useTranslate();
  if (!task?.dueDate) return <span>–</span>;
  const overdue = !CLOSED.has(task.status) && task.dueDate < isoDate();
  return (
    <Typography
      variant="body2"
      component="span"
      color={overdue ? 'error' : undefined}
      fontWeight={overdue ? 600 : undefined}
    >
      {task.dueDate}
      {overdue ? ` · ${translate('mina.tasks.overdue')}` : ''}
    </Typography>
  );
};
