import RefreshIcon from '@mui/icons-material/Refresh';
import { Alert, Box, Chip, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useTranslate } from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import { errorMessage } from '../providers/errors';
import { fetchRetentionPreview, previewKey } from './retentionApi';
import type { RetentionPreview, RetentionPreviewSession } from '@mina/contract/retention';

export function useRetentionPreview(workspaceId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: previewKey(workspaceId ?? ''),
    queryFn: () => fetchRetentionPreview(workspaceId!),
    enabled: Boolean(workspaceId) && enabled,
  });
}

const KINDS = ['sessions', 'summaries', 'analytics', 'markers', 'tasks', 'recordings'] as const;

const WhatGoes = ({ session }: { session: RetentionPreviewSession }) => {
  const translate = useTranslate();
  const parts = [
    session.transcript ? translate('mina.retention.goes_transcript', { smart_count: session.segments }) : null,
    session.tasks > 0 ? translate('mina.retention.goes_tasks', { smart_count: session.tasks }) : null,
    session.audio ? translate(`mina.retention.goes_audio_${session.audio}`) : null,
  ].filter(Boolean);
  return <>{parts.join(' · ')}</>;
};

/** "What the next run would delete": counts per kind and the first sessions, from the saved policy. */
export const RetentionPreviewPanel = ({ workspaceId }: { workspaceId: string }) => {
  const translate = useTranslate();
  const { data, error, isPending, refetch, isFetching } = useRetentionPreview(workspaceId);
  return (
    <Box component="section" aria-labelledby="retention-preview-title" data-testid="retention-preview" mt={2}>
      <Stack direction="row" alignItems="center" gap={1}>
        <Typography id="retention-preview-title" component="h3" variant="subtitle1">
          {translate('mina.retention.preview_title')}
        </Typography>
        <Tooltip title={translate('mina.retention.preview_refresh')}>
          <span>
            <IconButton size="small" onClick={() => void refetch()} disabled={isFetching} aria-label={translate('mina.retention.preview_refresh')}>
              <RefreshIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
      </Stack>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('mina.retention.preview_help')}
      </Typography>
      {error ? <Alert severity="error">{errorMessage(error)}</Alert> : null}
      {isPending && !error ? <Typography variant="body2">{translate('ra.page.loading')}</Typography> : null}
      {data ? <PreviewBody preview={data} /> : null}
    </Box>
  );
};

const PreviewBody = ({ preview }: { preview: RetentionPreview }) => {
  const translate = useTranslate();
  const nothing = preview.counts.sessions === 0 && preview.counts.recordings === 0;
  if (nothing) return <Alert severity="success" data-testid="retention-preview-empty">{translate('mina.retention.preview_nothing')}</Alert>;
  return (
    <>
      <Stack direction="row" gap={1} flexWrap="wrap" mb={1} data-testid="retention-preview-counts">
        {KINDS.filter((k) => preview.counts[k] > 0).map((k) => (
          <Chip key={k} size="small" color="warning" variant="outlined" label={translate(`mina.retention.count_${k}`, { smart_count: preview.counts[k] })} />
        ))}
      </Stack>
      <Table size="small" aria-label={translate('mina.retention.preview_title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('mina.retention.col_session')}</TableCell>
            <TableCell>{translate('mina.retention.col_date')}</TableCell>
            <TableCell>{translate('mina.retention.col_goes')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.sessions.map((s) => (
            <TableRow key={s.id}>
              <TableCell>
                <Link to={`/sessions/${encodeURIComponent(s.id)}/show`}>{s.title || translate('mina.sessions.untitled')}</Link>
              </TableCell>
              <TableCell>
                <DateTimeText value={s.at} />
              </TableCell>
              <TableCell>
                <WhatGoes session={s} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {preview.counts.sessions + preview.counts.recordings > preview.sessions.length || preview.truncated ? (
        <Typography variant="caption" color="text.secondary">
          {translate(preview.truncated ? 'mina.retention.preview_truncated' : 'mina.retention.preview_more', { smart_count: preview.sessions.length })}
        </Typography>
      ) : null}
    </>
  );
};
