/** `m:ss` or `h:mm:ss` for a transcript offset. */
export function formatOffset(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A span such as "45 s", "3 min 20 s" or "1 h 20 min". */
export function formatSpan(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const s = seconds % 60;
    return s ? `${Math.floor(seconds / 60)} min ${s} s` : `${seconds / 60} min`;
  }
  const minutes = Math.round(seconds / 60);
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function relativeTime(iso: string | null | undefined, now = Date.now(), locale = 'en'): string {
  if (!iso) return '–';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '–';
  const seconds = Math.round((at - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

export function formatDateTime(iso: string | null | undefined, locale = 'en'): string {
  if (!iso) return '–';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '–';
  return at.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** `at`: an ISO 8601 string or epoch milliseconds (the SLO series). */
export function formatClock(at0: string | number, window: string, locale = 'en'): string {
  const at = new Date(at0);
  if (Number.isNaN(at.getTime())) return String(at0);
  if (window === '7d') return at.toLocaleDateString(locale, { weekday: 'short', hour: '2-digit' });
  return at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** Local calendar date as yyyy-mm-dd, optionally shifted by whole days. */
export function isoDate(offsetDays = 0, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + offsetDays);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}
