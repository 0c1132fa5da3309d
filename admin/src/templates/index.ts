import ViewQuiltIcon from '@mui/icons-material/ViewQuilt';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./TemplateList')),
  edit: lazy(() => import('./TemplateEdit')),
  create: lazy(() => import('./TemplateCreate')),
  icon: ViewQuiltIcon,
  recordRepresentation: 'name',
};
