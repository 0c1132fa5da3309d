import CheckIcon from '@mui/icons-material/Check';
import ContrastIcon from '@mui/icons-material/Contrast';
import {
  Divider,
  IconButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Menu,
  MenuItem,
  Tooltip,
} from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { useTranslate } from 'react-admin';
import { THEME_NAMES, type ThemeName } from './display';
import { useDisplay } from './useDisplay';

/** Light / Dark / High contrast (or follow the system) and large text, remembered in this browser. */
export const ThemeMenu = () => {
  const translate = useTranslate();
  const [display, setDisplay] = useDisplay();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const label = translate('mina.display.menu');
  const close = () => setAnchor(null);
  const choose = (theme: ThemeName | undefined) => {
    setDisplay({ theme });
    close();
  };
  const check = (on: boolean) => <ListItemIcon>{on ? <CheckIcon fontSize="small" /> : null}</ListItemIcon>;

  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          aria-label={label}
          aria-haspopup="menu"
          aria-controls={anchor ? 'theme-menu' : undefined}
          aria-expanded={anchor ? 'true' : undefined}
          onClick={(e: MouseEvent<HTMLElement>) => setAnchor(e.currentTarget)}
        >
          <ContrastIcon />
        </IconButton>
      </Tooltip>
      <Menu id="theme-menu" anchorEl={anchor} open={Boolean(anchor)} onClose={close}>
        <ListSubheader role="presentation">{translate('mina.display.theme')}</ListSubheader>
        <MenuItem role="menuitemradio" aria-checked={display.followsSystem} onClick={() => choose(undefined)}>
          {check(display.followsSystem)}
          <ListItemText>
            {translate('mina.display.system', { theme: translate(`mina.display.${display.theme}`) })}
          </ListItemText>
        </MenuItem>
        {THEME_NAMES.map((name) => {
          const on = !display.followsSystem && display.theme === name;
          return (
            <MenuItem key={name} role="menuitemradio" aria-checked={on} onClick={() => choose(name)}>
              {check(on)}
              <ListItemText>{translate(`mina.display.${name}`)}</ListItemText>
            </MenuItem>
          );
        })}
        <Divider component="li" role="separator" />
        <MenuItem
          role="menuitemcheckbox"
          aria-checked={display.largeText}
          onClick={() => {
            setDisplay({ largeText: !display.largeText });
            close();
          }}
        >
          {check(display.largeText)}
          <ListItemText>{translate('mina.display.large_text')}</ListItemText>
        </MenuItem>
      </Menu>
    </>
  );
};
