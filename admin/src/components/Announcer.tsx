import { Box } from '@mui/material';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { visuallyHidden } from './visuallyHidden';

type Announce = (message: string) => void;

const AnnounceContext = createContext<Announce>(() => undefined);

/** Messages kept in the region: older ones are dropped (removals are not read out). */
const KEPT = 10;

/**
 * The console's one polite live region, visually hidden. Each message is a new paragraph, so a
 * screen reader reads it once as an addition, and the same text twice in a row is read twice.
 */
export const AnnouncerProvider = ({ children }: { children: ReactNode }) => {
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  const next = useRef(0);
  const announce = useCallback<Announce>((text) => {
    if (!text.trim()) return;
    next.current += 1;
    const id = next.current;
    setMessages((old) => [...old.slice(1 - KEPT), { id, text }]);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <Box role="status" aria-live="polite" data-testid="announcer" sx={visuallyHidden}>
        {messages.map((m) => (
          <p key={m.id}>{m.text}</p>
        ))}
      </Box>
    </AnnounceContext.Provider>
  );
};

/** Says `message` politely to screen readers (a no-op outside the provider). */
export const useAnnounce = (): Announce => useContext(AnnounceContext);
