import type { Readable } from 'node:stream';

export interface BlobStat {
  sizeBytes: number;
  modifiedAt: Date;
  /** Changes whenever the object's bytes do (a strong validator for HTTP caching). */
  etag: string;
}

/**
 * Where recording files live, by key (`<two hex digits>/<session id>.<ext>`): the local disk by
 * default, S3-compatible object storage when configured. Objects are written whole from a finished
 * local file, so a crash leaves the object there entire or not at all.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Where the objects are, for logs and the runbook's checks (a directory, or `s3://bucket/prefix` and its endpoint). */
  readonly location: string;
  /** Throws, saying why, when the store cannot be reached or written (checked at start and by readiness). */
  check(): Promise<void>;
  /** Stores the finished local `file` under `key` and takes it over (moved or uploaded, then removed). */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  /** The object's bytes, or the inclusive byte range `[start, end]` of them. Throws (code `ENOENT`) if it is missing. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  stat(key: string): Promise<BlobStat | null>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');
