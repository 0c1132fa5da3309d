import { Alert, AlertTitle, Button, List, ListItem, ListItemText } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { defaultOptions } from 'tus-js-client';
import { formatBytes } from '../format/numbers';
import { forgetKept, keptOffset, keptUploads, type KeptUpload } from './tusUpload';
import type { UploadItem } from './uploadQueue';

interface Row extends KeptUpload {
  /** Bytes on the server; null: it forgot the upload; undefined: could not ask. */
  offset?: number | null;
}

/**
 * Uploads interrupted on an earlier page. A browser cannot reopen a file by itself, so the user adds
 * the same file again; its fingerprint finds the stored upload URL and tus continues from the offset.
 */
export const KeptUploads = ({
  workspaceId,
  items,
}: {
  workspaceId: string;
  items: readonly UploadItem[];
}) => {
  const translate = useTranslate();
  const [rows, setRows] = useState<Row[]>([]);
  const inQueue = new Set(items.map((x) => x.clientId).filter(Boolean));
  const signature = [...inQueue].sort().join(',');

  const load = useCallback(async () => {
    const kept = await keptUploads(workspaceId);
    const withOffsets = await Promise.all(
      kept.map(async (k) => ({ ...k, offset: await keptOffset(k, workspaceId).catch(() => undefined) })),
    );
    // An upload the server holds whole finished (on another page or tab): nothing left to resume.
    const finished = withOffsets.filter((r) => typeof r.offset === 'number' && r.offset === r.size);
    await Promise.all(finished.map((r) => defaultOptions.urlStorage.removeUpload(r.urlStorageKey)));
    setRows(withOffsets.filter((r) => !finished.includes(r)));
  }, [workspaceId]);

  useEffect(() => {
    void load();
  }, [load, signature]);

  const shown = rows.filter((r) => !inQueue.has(r.clientId));
  if (shown.length === 0) return null;

  const describe = (r: Row) => {
    if (r.offset === null) return translate('mina.uploads.kept.gone');
    if (r.offset === undefined) return translate('mina.uploads.kept.unknown');
    return translate('mina.uploads.kept.on_server', {
      sent: formatBytes(r.offset),
      total: formatBytes(r.size),
    });
  };

  return (
    <Alert severity="warning" sx={{ mt: 2 }} data-testid="kept-uploads">
      <AlertTitle>{translate('mina.uploads.kept.title')}</AlertTitle>
      {translate('mina.uploads.kept.help')}
      <List dense>
        {shown.map((r) => (
          <ListItem
            key={r.urlStorageKey}
            disableGutters
            secondaryAction={
              <Button size="small" color="inherit" onClick={() => void forgetKept(r, workspaceId).then(load)}>
                {translate('mina.uploads.kept.forget')}
              </Button>
            }
          >
            <ListItemText primary={`${r.title || r.filename} (${r.filename})`} secondary={describe(r)} />
          </ListItem>
        ))}
      </List>
    </Alert>
  );
};
