import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useListContext, useNotify, useTranslate } from 'react-admin';
import { httpClient } from '../providers/httpClient';

const filenameOf = (disposition: string | null): string =>
  /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? 'mina-audit.csv';

/**
 * Downloads GET /api/admin/audit/export with the list's current filters. It goes through
 * httpClient (bearer token, one refresh on 401): a plain link could not send the token.
 */
export const ExportCsvButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { filterValues } = useListContext();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const query = new URLSearchParams({ filter: JSON.stringify(filterValues) });
      const { body, headers } = await httpClient(`/api/admin/audit/export?${query.toString()}`, {
        headers: new Headers({ Accept: 'text/csv' }),
      });
      const url = URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filenameOf(headers.get('Content-Disposition'));
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      if (headers.get('X-Mina-Export-Truncated') === 'true') {
        notify('mina.audit_log.export_truncated', { type: 'warning', messageArgs: { total: headers.get('X-Total-Count') } });
      }
    } catch (error) {
      notify('mina.audit_log.export_failed', {
        type: 'error',
        messageArgs: { message: error instanceof Error ? error.message : String(error) },
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label={translate('mina.audit_log.export')} onClick={() => void download()} disabled={busy}>
      <DownloadIcon />
    </Button>
  );
};
