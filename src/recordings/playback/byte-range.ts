import parseRange from 'range-parser';

export type ByteRange = { start: number; end: number };

/**
 * What a `Range` header asks of a file of `size` bytes (RFC 9110 §14): null for the whole file
 * (no header, or one we may ignore such as another unit or a malformed value), one range, or
 * `unsatisfiable` (416). Several ranges are served as the smallest single range that holds them
 * all — allowed, and what audio players never ask for anyway.
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  // A spec whose last byte comes before its first makes the header invalid: ignored, not 416.
  if (/(?:^bytes=|,)\s*(\d+)-(\d+)/.test(header) && [...header.matchAll(/(?:^bytes=|,)\s*(\d+)-(\d+)/g)].some((m) => Number(m[2]) < Number(m[1]))) return null;
  const parsed = parseRange(size, header, { combine: true });
  if (parsed === -1) return 'unsatisfiable';
  if (parsed === -2 || parsed.type !== 'bytes' || parsed.length === 0) return null;
  return { start: Math.min(...parsed.map((r) => r.start)), end: Math.max(...parsed.map((r) => r.end)) };
}
