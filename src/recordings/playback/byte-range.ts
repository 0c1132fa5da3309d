export type ByteRange = { start: number; end: number };

const TOKEN_UNIT = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+=/;
const SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;

/**
 * What a `Range` header asks of a file of `size` bytes (RFC 9110 §14): null for the whole file
 * (no header, or another unit, which §14.2 says to ignore), one range, `malformed` (a `bytes=` set
 * that breaks the grammar or has a last byte before its first: §14.2 lets us reject it, and a 416
 * tells the client its mistake) or `unsatisfiable` (no range overlaps the file). A suffix longer
 * than the file means the whole file (§14.1.3). Several ranges are served as one range from the
 * first byte asked to the last (a single-part 206 whose Content-Range says what it holds): every
 * byte asked is in it, no multipart body, and audio players never ask for more than one range.
 * Parsed here rather than with range-parser, which answers a suffix longer than the file with 416.
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | 'malformed' | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (!/^bytes=/i.test(value)) return TOKEN_UNIT.test(value) ? null : 'malformed';
  const specs = value.slice(6).split(',').map((s) => s.trim());
  let start = Infinity;
  let end = -1;
  for (const spec of specs) {
    const m = SPEC.exec(spec);
    if (!m) return 'malformed';
    let first: number;
    let last: number;
    if (m[3] !== undefined) {
      const suffix = Number(m[3]);
      if (suffix === 0) continue;
      first = Math.max(0, size - suffix);
      last = size - 1;
    } else {
      first = Number(m[1]);
      if (m[2] !== '' && Number(m[2]) < first) return 'malformed';
      last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    }
    if (first >= size || first > last) continue;
    start = Math.min(start, first);
    end = Math.max(end, last);
  }
  return end < 0 ? 'unsatisfiable' : { start, end };
}
