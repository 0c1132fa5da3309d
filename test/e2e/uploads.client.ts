import { createHash } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import * as tus from 'tus-js-client';
import type { SignedIn } from '../support/api-client.js';
import { as } from '../support/api-client.js';

/** What a finished (or failed) tus-js-client upload came to. */
export interface TusResult {
  url: string | null;
  sessionId: string | undefined;
  error?: tus.DetailedError | Error;
}

export interface TusOptions {
  metadata: Record<string, string>;
  /** Resume this upload instead of creating one. */
  uploadUrl?: string;
  /** Stop (abort) after the first PATCH of this many bytes. */
  stopAfterBytes?: number;
  /** Bytes per PATCH (several PATCHes: several progress reports). */
  chunkSize?: number;
  /** Awaited before the first byte is sent, once the creation answer names the session (e.g. to join its room). */
  onSession?: (sessionId: string) => Promise<void>;
}

/** The stock tus-js-client against our endpoint, with the REST API's headers. */
export function tusUpload(base: string, user: SignedIn, data: Buffer, opts: TusOptions): Promise<TusResult> {
  return new Promise((resolve) => {
    let sessionId: string | undefined;
    const upload: tus.Upload = new tus.Upload(data, {
      endpoint: `${base}/api/uploads`,
      headers: as(user),
      metadata: opts.metadata,
      uploadUrl: opts.uploadUrl ?? null,
      retryDelays: null,
      storeFingerprintForResuming: false,
      ...(opts.stopAfterBytes !== undefined ? { chunkSize: opts.stopAfterBytes } : opts.chunkSize !== undefined ? { chunkSize: opts.chunkSize } : {}),
      // tus-js-client awaits this hook before its next request.
      onAfterResponse: async (_req, res) => {
        const known = sessionId;
        sessionId = res.getHeader('Mina-Session-Id') ?? sessionId;
        if (sessionId && !known && opts.onSession) await opts.onSession(sessionId);
      },
      onChunkComplete: () => {
        if (opts.stopAfterBytes === undefined) return;
        void upload.abort().then(() => resolve({ url: upload.url, sessionId }));
      },
      onSuccess: () => resolve({ url: upload.url, sessionId }),
      onError: (error) => resolve({ url: upload.url, sessionId, error }),
    });
    upload.start();
  });
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Upload-Metadata as tus encodes it: `key base64(value)` pairs. */
export const encodeMetadata = (meta: Record<string, string>): string =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain tus request (creation, HEAD, PATCH) as any client could send it. */
export function tusRequest(base: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: { 'Tus-Resumable': '1.0.0', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A PATCH that dies mid-body: announces all of `rest` but sends only its first `sent` bytes,
 * then the connection is cut, as when a laptop lid closes.
 */
export async function interruptedPatch(base: string, user: SignedIn, path: string, offset: number, rest: Buffer, sent: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const req = http.request(`${base}${path}`, {
      method: 'PATCH',
      headers: { ...as(user), 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(rest.length) },
    });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.write(rest.subarray(0, sent), () => setTimeout(() => {
      req.destroy();
      resolve();
    }, 300));
  });
}

/** Rows of the test's own database. */
export async function query<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A seeded generator (mulberry32), so a failing interruption point can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
