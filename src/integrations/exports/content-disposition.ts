/** Characters of the name before its extension; browsers and file systems cope well below 255 bytes. */
export const MAX_FILENAME_CHARS = 100;

/**
 * A file name people recognise (the title and the date), with nothing a browser or a file system
 * could read as a path, a header break or a quote: control characters, `/`, `\`, quotes, `:`
 * and the like become `_`, and leading dots go (no hidden files).
 */
export function exportBaseName(title: string, date: string | null): string {
  const day = date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null;
  const cleaned = title
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}/\\"'`:*?<>|;%,]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .trim()
    .replace(/^[._ ]+|[. ]+$/g, '');
  const clipped = [...cleaned].slice(0, MAX_FILENAME_CHARS - (day ? 11 : 0)).join('').trim();
  const base = clipped || 'mina-export';
  return day ? `${base} ${day}` : base;
}

/** What `filename=` can hold for any client: printable ASCII without quotes or backslashes. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._()-]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._ ]+/, '');
  return ascii || 'mina-export';
}

/** RFC 5987 `ext-value`: UTF-8, percent-encoding everything outside `attr-char`. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266), always one valid header line. */
export function attachmentHeader(baseName: string, extension: string): string {
  const ascii = asciiFallback(baseName);
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${rfc5987(`${baseName}.${extension}`)}`;
}
