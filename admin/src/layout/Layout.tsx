import { useEffect, type ReactNode } from 'react';
import { Layout as RaLayout, useLogout } from 'react-admin';
import { startSessionKeeper } from '../providers/authClient';
import { AppBar } from './AppBar';
import { Menu } from './Menu';

const SessionKeeper = () => {
  const logout = useLogout();
  useEffect(() => startSessionKeeper(() => void logout()), [logout]);
  return null;
};

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={AppBar} menu={Menu}>
    <SessionKeeper />
    {children}
  </RaLayout>
);
