import ReplayIcon from '@mui/icons-material/Replay';
import {
  Alert,
  Button,
  Card,
  CardContent,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Confirm, Title, useNotify, useTranslate } from 'react-admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../providers/errors';
import { useCanManageWebhooks } from './access';
import { deleteWebhook, getWebhook, listDeliveries, replayDelivery, rotateSecret, updateWebhook } from './api';
import { SecretDialog } from './SecretDialog';
import type { WebhookDeliveryView, WebhookView, WebhookInput } from '@mina/contract/webhooks';
import { WebhookForm } from './WebhookForm';

const PER_PAGE = 25;

/** One endpoint: edit, rotate, delete, and its delivery log (newest first) with replay. */
const WebhookPage = () => {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const allowed = useCanManageWebhooks();
  const [endpoint, setEndpoint] = useState<WebhookView | null>(null);
  const [form, setForm] = useState<WebhookInput | null>(null);
  const [deliveries, setDeliveries] = useState<{ items: WebhookDeliveryView[]; total: number }>({ items: [], total: 0 });
  const [page, setPage] = useState(0);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'delete' | 'rotate' | null>(null);
  const fail = useCallback((error: unknown) => notify(errorMessage(error), { type: 'error' }), [notify]);

  const show = useCallback((e: WebhookView) => {
    setEndpoint(e);
    setForm({ url: e.url, events: e.events, description: e.description ?? '', enabled: e.enabled && !e.disabledAt });
  }, []);
  const loadDeliveries = useCallback(() => {
    listDeliveries(id, page, PER_PAGE).then(setDeliveries, fail);
  }, [id, page, fail]);
  useEffect(() => {
    if (allowed) getWebhook(id).then(show, fail);
  }, [allowed, id, show, fail]);
  useEffect(() => {
    if (allowed) loadDeliveries();
  }, [allowed, loadDeliveries]);

  if (!allowed) return <Alert severity="info">{translate('mina.webhooks.not_allowed')}</Alert>;
  if (!endpoint || !form) return null;

  const save = async () => {
    try {
      show(await updateWebhook(id, { ...form, description: form.description || null }));
      notify('mina.webhooks.saved', { type: 'info' });
    } catch (error) {
      fail(error);
    }
  };
  const act = async () => {
    const what = confirm;
    setConfirm(null);
    try {
      if (what === 'delete') {
        await deleteWebhook(id);
        navigate('/webhooks');
      } else if (what === 'rotate') setSecret(await rotateSecret(id));
    } catch (error) {
      fail(error);
    }
  };
  const replay = async (delivery: WebhookDeliveryView) => {
    try {
      await replayDelivery(id, delivery.id);
      notify('mina.webhooks.replay_queued', { type: 'info' });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={translate('mina.webhooks.title')} />
      {endpoint.disabledAt ? (
        <Alert severity="error" role="alert">
          {translate('mina.webhooks.disabled_banner', { url: endpoint.url, reason: endpoint.disabledReason ?? '' })}
        </Alert>
      ) : null}
      <Card>
        <CardContent>
          <Typography variant="h6">
            <Link to="/webhooks">{translate('mina.webhooks.title')}</Link> / {endpoint.url}
          </Typography>
          <WebhookForm value={form} onChange={setForm} />
          <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
            <Button variant="contained" onClick={() => void save()} disabled={!form.url || form.events.length === 0}>
              {translate('ra.action.save')}
            </Button>
            <Button onClick={() => setConfirm('rotate')}>{translate('mina.webhooks.rotate')}</Button>
            <Button color="error" onClick={() => setConfirm('delete')}>
              {translate('ra.action.delete')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Stack direction="row" justifyContent="space-between" alignItems="center">
            <Typography variant="h6">{translate('mina.webhooks.deliveries')}</Typography>
            <Button onClick={loadDeliveries}>{translate('mina.webhooks.refresh')}</Button>
          </Stack>
          {deliveries.total === 0 ? <Typography color="text.secondary">{translate('mina.webhooks.no_deliveries')}</Typography> : null}
          {deliveries.total > 0 ? (
            <>
              <Table size="small" aria-label={translate('mina.webhooks.deliveries')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('mina.webhooks.requested_at')}</TableCell>
                    <TableCell>{translate('mina.webhooks.event')}</TableCell>
                    <TableCell>webhook-id</TableCell>
                    <TableCell>{translate('mina.webhooks.attempt')}</TableCell>
                    <TableCell>{translate('mina.webhooks.status')}</TableCell>
                    <TableCell>{translate('mina.webhooks.latency')}</TableCell>
                    <TableCell>{translate('mina.webhooks.error')}</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {deliveries.items.map((d) => (
                    <TableRow key={d.id} data-testid="webhook-delivery">
                      <TableCell>{new Date(d.requestedAt).toLocaleString()}</TableCell>
                      <TableCell>{d.eventType}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace' }}>{d.webhookId}</TableCell>
                      <TableCell>
                        {d.attempt}
                        {d.replay ? ` (${translate('mina.webhooks.replayed')})` : ''}
                      </TableCell>
                      <TableCell sx={{ color: d.success ? 'success.main' : 'error.main' }}>
                        {d.status ?? '—'} {translate(d.success ? 'mina.webhooks.ok' : 'mina.webhooks.failed')}
                      </TableCell>
                      <TableCell>{d.latencyMs} ms</TableCell>
                      <TableCell>{d.error ?? ''}</TableCell>
                      <TableCell>
                        <Tooltip title={translate('mina.webhooks.replay')}>
                          <IconButton aria-label={translate('mina.webhooks.replay')} onClick={() => void replay(d)}>
                            <ReplayIcon />
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <TablePagination
                component="div"
                count={deliveries.total}
                page={page}
                rowsPerPage={PER_PAGE}
                rowsPerPageOptions={[PER_PAGE]}
                onPageChange={(_, next) => setPage(next)}
              />
            </>
          ) : null}
        </CardContent>
      </Card>
      <Confirm
        isOpen={confirm !== null}
        title={confirm === 'delete' ? 'mina.webhooks.delete_title' : 'mina.webhooks.rotate_title'}
        content={confirm === 'delete' ? 'mina.webhooks.delete_content' : 'mina.webhooks.rotate_content'}
        onConfirm={() => void act()}
        onClose={() => setConfirm(null)}
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
};

export default WebhookPage;
