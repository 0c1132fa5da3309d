import ReportIcon from '@mui/icons-material/Report';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./DeadLetterList')),
  show: lazy(() => import('./DeadLetterShow')),
  icon: ReportIcon,
  recordRepresentation: (r: { jobName?: string; id: string }) => r.jobName ?? r.id,
};
