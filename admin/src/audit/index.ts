import PolicyIcon from '@mui/icons-material/Policy';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./AuditList')),
  icon: PolicyIcon,
  recordRepresentation: (r: { action?: string; id: string }) => r.action ?? r.id,
};
