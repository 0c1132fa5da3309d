import BackupIcon from '@mui/icons-material/Backup';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./BackupList')),
  icon: BackupIcon,
};
