import EventIcon from '@mui/icons-material/Event';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./MeetingList')),
  show: lazy(() => import('./MeetingShow')),
  edit: lazy(() => import('./MeetingEdit')),
  create: lazy(() => import('./MeetingCreate')),
  icon: EventIcon,
  recordRepresentation: 'title',
};
