import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, Loading, Title, useNotify, useTranslate } from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import { errorMessage } from '../providers/errors';
import { useMe } from '../providers/useMe';
import { currentMembership } from '../providers/workspace';
import { API_KEYS_QUERY_KEY, listApiKeys, revokeApiKey } from './apiKeysApi';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import { NewApiKeyDialog } from './NewApiKeyDialog';
import type { ApiKeyView, CreatedApiKeyView } from '@mina/contract/api-keys';

const STATUS_COLOR = { active: 'success', expired: 'default', revoked: 'default' } as const;

/** The signed-in user's personal API keys: list, create (shown once), revoke. */
const ApiKeysPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const membership = me ? currentMembership(me) : undefined;
  const { data, error, isPending } = useQuery({ queryKey: API_KEYS_QUERY_KEY, queryFn: listApiKeys });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyView | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: API_KEYS_QUERY_KEY });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeApiKey(id),
    onSuccess: () => {
      notify('mina.api_keys.revoked', { type: 'info' });
      refresh();
    },
    onError: (e) => notify(errorMessage(e), { type: 'error' }),
    onSettled: () => setRevoking(null),
  });

  return (
    <Box p={2} maxWidth={1200}>
      <Title title={translate('mina.api_keys.title')} />
      <Card>
        <CardContent>
          <Box display="flex" alignItems="center" justifyContent="space-between" gap={2} flexWrap="wrap">
            <Typography component="h1" variant="h6">
              {translate('mina.api_keys.title')}
            </Typography>
            <Button variant="contained" startIcon={<AddIcon />} disabled={!membership} onClick={() => setCreating(true)}>
              {translate('mina.api_keys.create')}
            </Button>
          </Box>
          <Typography variant="body2" color="text.secondary" mt={1}>
            {translate('mina.api_keys.intro')}
          </Typography>
          {me && !membership ? (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('mina.api_keys.no_membership')}
            </Alert>
          ) : null}
          {error ? (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(error)}
            </Alert>
          ) : null}
          {isPending ? <Loading /> : null}
          {data && data.length === 0 ? (
            <Typography variant="body2" mt={2}>
              {translate('mina.api_keys.empty')}
            </Typography>
          ) : null}
          {data && data.length > 0 ? (
            <Box sx={{ overflowX: 'auto' }} mt={2}>
              <Table size="small" aria-label={translate('mina.api_keys.title')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('mina.api_keys.name')}</TableCell>
                    <TableCell>{translate('mina.api_keys.key')}</TableCell>
                    <TableCell>{translate('mina.api_keys.workspace')}</TableCell>
                    <TableCell>{translate('mina.api_keys.scope')}</TableCell>
                    <TableCell>{translate('mina.api_keys.created_at')}</TableCell>
                    <TableCell>{translate('mina.api_keys.expires_at')}</TableCell>
                    <TableCell>{translate('mina.api_keys.last_used')}</TableCell>
                    <TableCell>{translate('mina.api_keys.status')}</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.map((k) => (
                    <TableRow key={k.id} data-testid={`api-key-${k.id}`}>
                      <TableCell>{k.name}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{`${k.prefix}…${k.lastChars}`}</TableCell>
                      <TableCell>{k.workspace.name}</TableCell>
                      <TableCell>{k.scopes.map((s) => translate(`mina.api_keys.scope_short_${s}`)).join(', ')}</TableCell>
                      <TableCell>
                        <DateTimeText value={k.createdAt} relative />
                      </TableCell>
                      <TableCell>{k.expiresAt ? <DateTimeText value={k.expiresAt} /> : translate('mina.api_keys.never')}</TableCell>
                      <TableCell>
                        {k.lastUsedAt ? (
                          <>
                            <DateTimeText value={k.lastUsedAt} relative />
                            {k.lastUsedIp ? <Typography variant="caption" display="block" color="text.secondary">{k.lastUsedIp}</Typography> : null}
                          </>
                        ) : (
                          translate('mina.api_keys.never_used')
                        )}
                      </TableCell>
                      <TableCell>
                        <Chip size="small" color={STATUS_COLOR[k.status]} label={translate(`mina.api_keys.status_${k.status}`)} />
                      </TableCell>
                      <TableCell align="right">
                        {k.status === 'revoked' ? null : (
                          <Button size="small" color="error" onClick={() => setRevoking(k)} aria-label={translate('mina.api_keys.revoke_named', { name: k.name })}>
                            {translate('mina.api_keys.revoke')}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          ) : null}
        </CardContent>
      </Card>
      {membership ? (
        <CreateApiKeyDialog
          open={creating}
          workspaceName={membership.workspaceName}
          role={membership.role}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreated(key);
            refresh();
          }}
        />
      ) : null}
      <NewApiKeyDialog created={created} onClose={() => setCreated(null)} />
      <Confirm
        isOpen={revoking !== null}
        loading={revoke.isPending}
        title="mina.api_keys.revoke_title"
        content="mina.api_keys.revoke_confirm"
        translateOptions={{ name: revoking?.name ?? '' }}
        confirm="mina.api_keys.revoke"
        confirmColor="warning"
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </Box>
  );
};

export default ApiKeysPage;
