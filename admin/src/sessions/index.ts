import GraphicEqIcon from '@mui/icons-material/GraphicEq';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./SessionList')),
  show: lazy(() => import('./SessionShow')),
  icon: GraphicEqIcon,
  recordRepresentation: (record: { title?: string | null; id: string }) => record.title || record.id,
};
