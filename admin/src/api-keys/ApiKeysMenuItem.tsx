import KeyIcon from '@mui/icons-material/Key';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { forwardRef } from 'react';
import { useTranslate, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';

/** "API keys" in the signed-in user's menu (AppBar). */
export const ApiKeysMenuItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const translate = useTranslate();
  const menu = useUserMenu();
  return (
    <MenuItem component={Link} to="/api-keys" ref={ref} onClick={() => menu?.onClose()} {...props}>
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('mina.api_keys.menu')}</ListItemText>
    </MenuItem>
  );
});
ApiKeysMenuItem.displayName = 'ApiKeysMenuItem';
