import { Box } from '@mui/material';
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  Logout,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import { ApiKeysMenuItem } from '../api-keys/ApiKeysMenuItem';
import { ThemeMenu } from './ThemeMenu';
import { ShortcutsButton } from '../keyboard/ShortcutsDialog';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const Toolbar = () => (
  <Box display="flex" alignItems="center">
    <WorkspaceSwitcher />
    <ShortcutsButton color="inherit" />
    <ThemeMenu />
    <LoadingIndicator />
  </Box>
);

export const AppBar = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  // The user menu's button shows the user's name: its accessible name must contain it.
  const label = identity?.fullName
    ? translate('mina.a11y.user_menu', { name: identity.fullName })
    : 'ra.auth.user_menu';
  return (
    <RaAppBar
      toolbar={<Toolbar />}
      userMenu={
        <UserMenu label={label}>
          <ApiKeysMenuItem />
          <Logout />
        </UserMenu>
      }
    >
      <TitlePortal />
    </RaAppBar>
  );
};
