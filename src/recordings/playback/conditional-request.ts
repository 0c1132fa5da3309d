/** The validators of a stored file, from the store's stat. */
export interface Validators {
  /** A strong entity tag, quoted (`"…"`). */
  etag: string;
  lastModified: Date;
}

export interface ConditionalHeaders {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifRange?: string;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * Whether a GET or HEAD may be answered 304 (RFC 9110 §13.2.2): If-None-Match when present
 * (weak comparison, `*` matches the file), otherwise If-Modified-Since at one-second precision.
 */
export function isNotModified(headers: ConditionalHeaders, v: Validators): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const tags = headers.ifNoneMatch.split(',').map((t) => t.trim());
    return tags.includes('*') || tags.some((t) => opaque(t) === opaque(v.etag));
  }
  if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    return !Number.isNaN(since) && seconds(v.lastModified) <= Math.floor(since / 1000);
  }
  return false;
}

/**
 * Whether a Range may be honoured given If-Range (RFC 9110 §13.1.5): without it always; with an
 * entity tag only on a strong match; with a date only if the file was not modified since exactly
 * then. Otherwise the client's partial copy is stale and gets the whole file (200).
 */
export function rangeStillApplies(headers: ConditionalHeaders, v: Validators): boolean {
  const ifRange = headers.ifRange?.trim();
  if (!ifRange) return true;
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) return !ifRange.startsWith('W/') && ifRange === v.etag;
  const date = Date.parse(ifRange);
  return !Number.isNaN(date) && Math.floor(date / 1000) === seconds(v.lastModified);
}
