import KeyboardIcon from '@mui/icons-material/Keyboard';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  IconButton,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore, useTranslate } from 'react-admin';
import { CHARACTER_KEYS_STORE, inDialog, isCharacterKey, ownsKey } from './keys';
import { SHORTCUT_SECTIONS } from './shortcuts';

const OpenShortcuts = createContext<() => void>(() => undefined);

/** Whether single-key shortcuts (`?`, `<`, `>`) are on: the user can turn them off in the dialog. */
export const useCharacterKeys = () => useStore<boolean>(CHARACTER_KEYS_STORE, true);

const Keys = ({ keys }: { keys: string[] }) => {
  const translate = useTranslate();
  return (
    <>
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 ? ` ${translate('mina.keyboard.or')} ` : null}
          <Box
            component="kbd"
            sx={{
              fontFamily: 'monospace',
              px: 0.75,
              py: 0.25,
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
            }}
          >
            {k}
          </Box>
        </span>
      ))}
    </>
  );
};

const ShortcutsDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const [characterKeys, setCharacterKeys] = useCharacterKeys();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcuts-title" fullWidth maxWidth="sm">
      <DialogTitle id="shortcuts-title">{translate('mina.keyboard.title')}</DialogTitle>
      <DialogContent>
        {SHORTCUT_SECTIONS.map(({ section, shortcuts }) => (
          <Box component="section" key={section} aria-labelledby={`shortcuts-${section}`} mb={2}>
            <Typography id={`shortcuts-${section}`} component="h3" variant="subtitle1">
              {translate(`mina.keyboard.section.${section}`)}
            </Typography>
            <Table size="small" aria-labelledby={`shortcuts-${section}`}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: '40%' }}>{translate('mina.keyboard.keys')}</TableCell>
                  <TableCell>{translate('mina.keyboard.action')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shortcuts.map((s) => (
                  <TableRow key={s.does} sx={s.character && !characterKeys ? { opacity: 0.6 } : undefined}>
                    <TableCell>
                      <Keys keys={s.keys} />
                    </TableCell>
                    <TableCell>
                      {translate(`mina.keyboard.does.${s.does}`)}
                      {s.character && !characterKeys ? ` (${translate('mina.keyboard.off')})` : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        ))}
        <FormControlLabel
          control={<Switch checked={characterKeys} onChange={(e) => setCharacterKeys(e.target.checked)} />}
          label={translate('mina.keyboard.character_keys')}
        />
        <Typography variant="body2" color="text.secondary">
          {translate('mina.keyboard.character_keys_help')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

/** Owns the shortcuts dialog: `?` opens it anywhere but in a text field, and so does `useOpenShortcuts()`. */
export const ShortcutsProvider = ({ children }: { children: ReactNode }) => {
  const [open, setOpen] = useState(false);
  const [characterKeys] = useCharacterKeys();
  useEffect(() => {
    if (!characterKeys) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isCharacterKey(e, '?') || ownsKey(e.target, e.key) || inDialog(e.target))
        return;
      e.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [characterKeys]);
  return (
    <OpenShortcuts.Provider value={() => setOpen(true)}>
      {children}
      <ShortcutsDialog open={open} onClose={() => setOpen(false)} />
    </OpenShortcuts.Provider>
  );
};

/** The keyboard button (app bar, player) that opens the shortcuts dialog. */
export const ShortcutsButton = ({ color }: { color?: 'inherit' }) => {
  const translate = useTranslate();
  const open = useContext(OpenShortcuts);
  const [characterKeys] = useCharacterKeys();
  const label = translate('mina.keyboard.title');
  return (
    <Tooltip title={characterKeys ? `${label} (?)` : label}>
      <IconButton
        color={color}
        onClick={open}
        aria-label={label}
        aria-haspopup="dialog"
        aria-keyshortcuts={characterKeys ? '?' : undefined}
      >
        <KeyboardIcon />
      </IconButton>
    </Tooltip>
  );
};
