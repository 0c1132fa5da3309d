import UploadIcon from '@mui/icons-material/Upload';
import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Loading, Title, useGetList, useRequireAccess, useTranslate } from 'react-admin';
import { getWorkspaceId } from '../providers/workspace';
import type { Meeting } from '../types';
import { DropZone } from './DropZone';
import { KeptUploads } from './KeptUploads';
import { RecordingsList } from './RecordingsList';
import { UploadRow } from './UploadRow';
import { uploadQueue } from './uploadQueue';

/** Issue 13 item 7: upload recordings (drag and drop, queue, resume) and follow them to a transcript. */
const UploadsPage = () => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const { isPending: accessPending } = useRequireAccess({ action: 'create', resource: 'uploads' });
  const items = useSyncExternalStore(uploadQueue.subscribe, uploadQueue.snapshot);
  const [refused, setRefused] = useState<string[]>([]);
  const workspaceId = getWorkspaceId();
  const meetings = useGetList<Meeting>(
    'meetings',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'createdAt', order: 'DESC' } },
    { enabled: !accessPending && Boolean(workspaceId) },
  );

  const sending = items.some(
    (x) => (x.stage === 'uploading' || x.stage === 'queued') && !x.paused && !x.error,
  );
  useEffect(() => {
    if (!sending) return;
    // Leaving is safe (the upload resumes when the file is added again), but the user should know it stops.
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [sending]);

  // A new session or a status change shows in the recordings list at once.
  const statuses = items.map((x) => `${x.sessionId ?? ''}:${x.serverStatus ?? ''}`).join(',');
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['sessions', 'getList'] });
  }, [statuses, queryClient]);

  if (accessPending) return <Loading />;

  const ready = items.filter((x) => x.stage === 'local' && !x.duplicate && x.title.trim()).length;
  const finished = items.some((x) => x.stage === 'synced' || x.duplicate);

  return (
    <Box mt={1}>
      <Title title={translate('mina.uploads.title')} />
      <Typography component="h1" variant="h5" gutterBottom>
        {translate('mina.uploads.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('mina.uploads.help')}
      </Typography>
      {!workspaceId ? <Alert severity="warning">{translate('mina.workspace.none_selected')}</Alert> : null}
      <DropZone
        disabled={!workspaceId}
        onFiles={(files) => workspaceId && setRefused(uploadQueue.add(files, workspaceId))}
      />
      {refused.length ? (
        <Alert
          severity="error"
          role="alert"
          sx={{ mt: 2 }}
          onClose={() => setRefused([])}
          data-testid="upload-refused"
        >
          {translate('mina.uploads.refused', { names: refused.join(', ') })}
        </Alert>
      ) : null}
      {workspaceId ? <KeptUploads workspaceId={workspaceId} items={items} /> : null}

      {items.length ? (
        <Card component="section" aria-labelledby="upload-queue" sx={{ mt: 2 }}>
          <CardContent>
            <Stack direction="row" alignItems="center" gap={1} mb={1} flexWrap="wrap">
              <Typography id="upload-queue" variant="h6" component="h2" flex={1}>
                {translate('mina.uploads.queue')}
              </Typography>
              {finished ? (
                <Button size="small" onClick={() => uploadQueue.clearDone()}>
                  {translate('mina.uploads.clear_done')}
                </Button>
              ) : null}
              <Button
                variant="contained"
                startIcon={<UploadIcon />}
                disabled={ready === 0}
                onClick={() => uploadQueue.send()}
              >
                {ready === 0
                  ? translate('mina.uploads.nothing_to_upload')
                  : translate('mina.uploads.upload_all', { smart_count: ready })}
              </Button>
            </Stack>
            <Stack component="ul" gap={1.5} sx={{ p: 0, m: 0 }}>
              {items.map((item) => (
                <UploadRow key={item.key} item={item} meetings={meetings.data ?? []} />
              ))}
            </Stack>
          </CardContent>
        </Card>
      ) : null}

      {workspaceId ? <RecordingsList /> : null}
    </Box>
  );
};

export default UploadsPage;
