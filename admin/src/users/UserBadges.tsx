import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { User } from '../types';

export const ActiveChip = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  if (!record) return null;
  return record.isActive ? (
    <Chip size="small" color="success" variant="outlined" label={translate('mina.users.active')} />
  ) : (
    <Chip size="small" color="default" label={translate('mina.users.disabled')} />
  );
};

/** In lists only admins get a chip; `explicit` also says "No" (for show pages). */
export const RoleChips = ({ explicit }: { explicit?: boolean }) => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.isInstanceAdmin)
    return <Chip size="small" color="primary" label={translate('mina.users.instance_admin')} />;
  return explicit ? (
    <Typography variant="body2" component="span">
      {translate('ra.boolean.false')}
    </Typography>
  ) : null;
};
