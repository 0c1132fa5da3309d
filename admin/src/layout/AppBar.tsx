import { Box } from '@mui/material';
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  Logout,
  TitlePortal,
  ToggleThemeButton,
  UserMenu,
} from 'react-admin';
import { ApiKeysMenuItem } from '../api-keys/ApiKeysMenuItem';
import { ShortcutsButton } from '../keyboard/ShortcutsDialog';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const Toolbar = () => (
  <Box display="flex" alignItems="center">
    <WorkspaceSwitcher />
    <ShortcutsButton color="inherit" />
    <ToggleThemeButton />
    <LoadingIndicator />
  </Box>
);

export const AppBar = () => (
  <RaAppBar
    toolbar={<Toolbar />}
    userMenu={
      <UserMenu>
        <ApiKeysMenuItem />
        <Logout />
      </UserMenu>
    }
  >
    <TitlePortal />
  </RaAppBar>
);
