import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { errorMessage } from '../providers/errors';
import { useCanManageWebhooks } from './access';
import { createWebhook, listWebhooks } from './api';
import { SecretDialog } from './SecretDialog';
import type { WebhookView, WebhookInput } from '@mina/contract/webhooks';
import { WebhookForm } from './WebhookForm';

const EMPTY: WebhookInput = { url: '', events: [], description: '', enabled: true };

/** The workspace's webhook endpoints, a banner for those Mina disabled, and the create dialog. */
const WebhooksPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const allowed = useCanManageWebhooks();
  const [endpoints, setEndpoints] = useState<WebhookView[] | null>(null);
  const [creating, setCreating] = useState<WebhookInput | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const load = useCallback(() => {
    listWebhooks().then(setEndpoints, (error: unknown) => notify(errorMessage(error), { type: 'error' }));
  }, [notify]);
  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  if (!allowed) return <Alert severity="info">{translate('mina.webhooks.not_allowed')}</Alert>;

  const create = async () => {
    if (!creating) return;
    try {
      const created = await createWebhook({ ...creating, description: creating.description || undefined });
      setCreating(null);
      setSecret(created.secret);
      load();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };
  const disabled = (endpoints ?? []).filter((e) => e.disabledAt);

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('mina.webhooks.title')} />
      <CardContent>
        <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 2 }}>
          <Typography variant="h6">{translate('mina.webhooks.title')}</Typography>
          <Button startIcon={<AddIcon />} variant="contained" onClick={() => setCreating(EMPTY)}>
            {translate('mina.webhooks.create')}
          </Button>
        </Stack>
        {disabled.map((e) => (
          <Alert key={e.id} severity="error" sx={{ mb: 1 }} role="alert">
            {translate('mina.webhooks.disabled_banner', { url: e.url, reason: e.disabledReason ?? '' })}
          </Alert>
        ))}
        {endpoints && endpoints.length === 0 ? <Typography color="text.secondary">{translate('mina.webhooks.empty')}</Typography> : null}
        {endpoints && endpoints.length > 0 ? (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('mina.webhooks.url')}</TableCell>
                <TableCell>{translate('mina.webhooks.events')}</TableCell>
                <TableCell>{translate('mina.webhooks.state')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {endpoints.map((e) => (
                <TableRow key={e.id} hover>
                  <TableCell>
                    <Link to={`/webhooks/${e.id}`}>{e.url}</Link>
                    {e.description ? <Typography variant="body2" color="text.secondary">{e.description}</Typography> : null}
                  </TableCell>
                  <TableCell>{e.events.join(', ')}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={e.disabledAt ? 'error' : e.enabled ? 'success' : 'default'}
                      label={translate(e.disabledAt ? 'mina.webhooks.auto_disabled' : e.enabled ? 'mina.webhooks.on' : 'mina.webhooks.off')}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </CardContent>
      <Dialog open={creating !== null} onClose={() => setCreating(null)} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('mina.webhooks.create')}</DialogTitle>
        <DialogContent>{creating ? <WebhookForm value={creating} onChange={setCreating} /> : null}</DialogContent>
        <DialogActions>
          <Button onClick={() => setCreating(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={() => void create()} disabled={!creating?.url || creating.events.length === 0}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
};

export default WebhooksPage;
