import { Box } from '@mui/material';
import { AppBar as RaAppBar, LoadingIndicator, TitlePortal, ToggleThemeButton } from 'react-admin';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const Toolbar = () => (
  <Box display="flex" alignItems="center">
    <WorkspaceSwitcher />
    <ToggleThemeButton />
    <LoadingIndicator />
  </Box>
);

export const AppBar = () => (
  <RaAppBar toolbar={<Toolbar />}>
    <TitlePortal />
  </RaAppBar>
);
