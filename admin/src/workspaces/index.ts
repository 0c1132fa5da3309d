import WorkspacesIcon from '@mui/icons-material/Workspaces';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./WorkspaceList')),
  show: lazy(() => import('./WorkspaceShow')),
  edit: lazy(() => import('./WorkspaceEdit')),
  create: lazy(() => import('./WorkspaceCreate')),
  icon: WorkspacesIcon,
  recordRepresentation: 'name',
};
