import { httpBlob } from '../providers/httpClient';
import type { ExportFormat } from '@mina/contract/exports';

/** The server's name for the file: `filename*` (UTF-8) when given, else `filename`. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // A malformed encoding: the ASCII name below is still there.
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] || fallback;
}

/** Fetches the export with the signed-in user's token and workspace, then saves it under the server's file name. */
export async function downloadExport(resource: 'sessions' | 'meetings', id: string, format: ExportFormat): Promise<string> {
  const { blob, headers } = await httpBlob(`/api/${resource}/${encodeURIComponent(id)}/export?format=${format}`);
  const name = filenameFrom(headers.get('Content-Disposition'), `mina-export.${format}`);
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // The click has handed the blob to the download; a later revoke keeps slow browsers safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
