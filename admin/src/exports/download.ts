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

/**
 * Fetches a file with the signed-in user's token and workspace (a plain link could not send them)
 * and saves it under the server's file name; answers the name and the response's headers.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<{ name: string; headers: Headers }> {
  const { blob, headers } = await httpBlob(url);
  const name = filenameFrom(headers.get('Content-Disposition'), fallbackName);
  saveBlob(blob, name);
  return { name, headers };
}

/** The session or meeting export in `format`, saved under the server's file name. */
export async function downloadExport(resource: 'sessions' | 'meetings', id: string, format: ExportFormat): Promise<string> {
  return (await downloadFile(`/api/${resource}/${encodeURIComponent(id)}/export?format=${format}`, `mina-export.${format}`)).name;
}

function saveBlob(blob: Blob, name: string): void {
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
}
