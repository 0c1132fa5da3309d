import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useListContext, useNotify, useTranslate } from 'react-admin';
import { downloadFile } from '../exports/download';

/** Downloads GET /api/admin/audit/export with the list's current filters, as the Export menu downloads. */
export const ExportCsvButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { filterValues } = useListContext();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const query = new URLSearchParams({ filter: JSON.stringify(filterValues) });
      const { headers } = await downloadFile(`/api/admin/audit/export?${query.toString()}`, 'mina-audit.csv');
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
