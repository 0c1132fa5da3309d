import type { ReactNode } from 'react';
import { AnnouncerProvider } from '../components/Announcer';
import { ShortcutsProvider } from './ShortcutsDialog';
import { useFocusRescue } from './useFocusRescue';

const FocusRescue = () => {
  useFocusRescue();
  return null;
};

/** What every page shares for keyboard and screen-reader users: the announcer, the shortcuts dialog, focus rescue. */
export const KeyboardSupport = ({ children }: { children: ReactNode }) => (
  <AnnouncerProvider>
    <ShortcutsProvider>
      <FocusRescue />
      {children}
    </ShortcutsProvider>
  </AnnouncerProvider>
);
