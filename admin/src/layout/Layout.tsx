import { useEffect, type ReactNode } from 'react';
import { Layout as RaLayout, useLogout } from 'react-admin';
import { KeyboardSupport } from '../keyboard/KeyboardSupport';
import { MainContent, SkipLink } from '../keyboard/SkipLink';
import { startSessionKeeper } from '../providers/authClient';
import { AppBar } from './AppBar';
import { Menu } from './Menu';

const SessionKeeper = () => {
  const logout = useLogout();
  useEffect(() => startSessionKeeper(() => void logout()), [logout]);
  return null;
};

// Ours replaces react-admin's skip button, which only moves the point where the next Tab starts.
const HIDE_RA_SKIP = { '& .skip-nav-button': { display: 'none' } };

export const Layout = ({ children }: { children: ReactNode }) => (
  <KeyboardSupport>
    <SkipLink />
    <RaLayout appBar={AppBar} menu={Menu} sx={HIDE_RA_SKIP}>
      <SessionKeeper />
      <MainContent>{children}</MainContent>
    </RaLayout>
  </KeyboardSupport>
);
