import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useNotify,
  useRecordContext,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { errorMessage } from '../providers/errors';
import { useMe } from '../providers/useMe';
import type { User } from '../types';

/** Disables or re-enables an account; disabling asks first and is refused on yourself. */
export const ToggleActiveButton = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  const notify = useNotify();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { canAccess } = useCanAccess({ action: 'disable', resource: 'users', record });
  const [open, setOpen] = useState(false);
  const [update, { isPending }] = useUpdate<User>();
  if (!record || !canAccess) return null;

  const disabling = record.isActive;
  const isSelf = me?.id === record.id;
  const run = () =>
    update(
      'users',
      { id: record.id, data: { isActive: !record.isActive }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          void queryClient.invalidateQueries({ queryKey: ['audit'] });
          notify(disabling ? 'mina.users.disabled_done' : 'mina.users.enabled_done', {
            type: 'info',
            messageArgs: { email: record.email },
          });
        },
        onError: (error) => {
          setOpen(false);
          notify(errorMessage(error), { type: 'error' });
        },
      },
    );

  return (
    <>
      <Button
        label={disabling ? 'mina.users.disable' : 'mina.users.enable'}
        color={disabling ? 'error' : 'primary'}
        onClick={() => (disabling ? setOpen(true) : void run())}
        disabled={isPending || (disabling && isSelf)}
        title={disabling && isSelf ? translate('mina.users.cannot_disable_self') : undefined}
      >
        {disabling ? <BlockIcon /> : <CheckCircleIcon />}
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="mina.users.disable_title"
        content="mina.users.disable_content"
        translateOptions={{ email: record.email }}
        confirm="mina.users.disable_confirm"
        confirmColor="warning"
        onConfirm={() => void run()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
