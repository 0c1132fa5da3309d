import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./TaskList')),
  show: lazy(() => import('./TaskShow')),
  edit: lazy(() => import('./TaskEdit')),
  create: lazy(() => import('./TaskCreate')),
  icon: TaskAltIcon,
  recordRepresentation: 'title',
};
