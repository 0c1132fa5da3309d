import { open, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import type { BlobStat, BlobStore } from './blob-store.js';

const MiB = 1024 * 1024;
/** S3's own limits: parts of at least 5 MiB (but the last), at most 10 000 of them. */
const MIN_PART_BYTES = 5 * MiB;
const MAX_PARTS = 10_000;
/** Attempts per request whose body is a file stream (the SDK cannot replay a consumed stream, so we open it again). */
const BODY_ATTEMPTS = 3;

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph, R2…); unset → AWS for the region. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Unset → the SDK's default chain (AWS_* variables, instance or pod role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Objects go under `<prefix>/`. */
  prefix?: string;
  /** Files larger than this go up as a multipart upload, so a failed piece is sent again alone. */
  multipartThresholdBytes?: number;
  /** Size of each part; below S3's 5 MiB minimum only against a test server. */
  partSizeBytes?: number;
  /** Allows parts under 5 MiB (s3rver in tests); real S3 refuses them at completion. */
  allowSmallParts?: boolean;
}

/**
 * Recording files in an S3-compatible bucket (@aws-sdk/client-s3). A finished local file is sent
 * whole (PutObject with its length) or, above the threshold, as a multipart upload that is
 * aborted on failure: S3 makes the object visible only once complete, so readers never see half
 * a file. Missing objects answer like the local store: `stat` → null, `get` → ENOENT.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly logger = new Logger(S3BlobStore.name);
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly threshold: number;
  private readonly partSize: number;
  readonly location: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.threshold = options.multipartThresholdBytes ?? 64 * MiB;
    this.partSize = options.partSizeBytes ?? 16 * MiB;
    if (this.partSize < MIN_PART_BYTES && !options.allowSmallParts) throw new Error(`S3 parts must be at least ${MIN_PART_BYTES} bytes`);
    this.location = `s3://${this.bucket}/${this.prefix}${options.endpoint ? ` at ${options.endpoint}` : ` in ${options.region}`}`;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      ...(options.accessKeyId && options.secretAccessKey ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } } : {}),
      // Many S3-compatible servers refuse the SDK's default CRC trailers (aws-chunked bodies); we keep our own sha256.
      ...(options.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    });
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) throw new Error(`bucket "${this.bucket}" does not exist`);
      if (status === 403 || status === 401) throw new Error(`access to bucket "${this.bucket}" denied (check MINA_S3_ACCESS_KEY_ID / MINA_S3_SECRET_ACCESS_KEY)`);
      throw new Error(`bucket "${this.bucket}" unreachable: ${(error as Error).message || (error as Error).name}`);
    }
  }

  async putFile(key: string, file: string, contentType: string): Promise<void> {
    const Key = this.objectKey(key);
    const size = (await stat(file)).size;
    if (size > this.threshold) await this.putMultipart(Key, file, size, contentType);
    else await withFreshBody((body) => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: body, ContentLength: size, ContentType: contentType }), { abortSignal: body.signal }), file, 0, size);
    await rm(file, { force: true });
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      if (!res.Body) throw new Error(`S3 answered no body for ${key}`);
      return res.Body as Readable;
    } catch (error) {
      if (statusOf(error) === 404) throw notFound(key);
      throw error;
    }
  }

  async stat(key: string): Promise<BlobStat | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { sizeBytes: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0), etag: head.ETag ?? `"${head.ContentLength ?? 0}"` };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  close(): void {
    this.client.destroy();
  }

  /** Parts go one after another: a recording upload should not take all of a worker's bandwidth. */
  private async putMultipart(Key: string, file: string, size: number, contentType: string): Promise<void> {
    const partSize = Math.max(this.partSize, Math.ceil(size / MAX_PARTS));
    const created = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: contentType }));
    const UploadId = created.UploadId;
    if (!UploadId) throw new Error('S3 started a multipart upload without an UploadId');
    try {
      const parts: CompletedPart[] = [];
      for (let PartNumber = 1, start = 0; start < size; PartNumber++, start += partSize) {
        const end = Math.min(size, start + partSize) - 1;
        const res = await withFreshBody(
          (body) => this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key, UploadId, PartNumber, Body: body, ContentLength: end - start + 1 }), { abortSignal: body.signal }),
          file,
          start,
          end + 1,
        );
        parts.push({ PartNumber, ETag: res.ETag });
      }
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      // Left open, the parts would be billed until a lifecycle rule removes them.
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }))
        .catch((abort: Error) => this.logger.warn(`Could not abort multipart upload ${UploadId} of ${Key}: ${abort.message || abort.name}`));
      throw error;
    }
  }

  /** Keys come from our own rows, but one must never name another prefix's objects all the same. */
  private objectKey(key: string): string {
    const parts = key.split(/[\\/]+/);
    if (key.startsWith('/') || parts.some((p) => p === '..' || p === '.' || p === '')) throw new Error(`Invalid recording key: ${key}`);
    return this.prefix ? `${this.prefix}/${parts.join('/')}` : parts.join('/');
  }
}

function statusOf(error: unknown): number | undefined {
  const e = error as { $metadata?: { httpStatusCode?: number }; name?: string };
  if (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.name === 'NoSuchBucket') return 404;
  return e.$metadata?.httpStatusCode;
}

function notFound(key: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`Recording object not found: ${key}`), { code: 'ENOENT' });
}

/** A file stream the request reads from; a read error aborts the request (the SDK pipes bodies and would leave it unhandled). */
type Body = Readable & { signal: AbortSignal };

/**
 * Sends bytes `[start, end)` of the file, retrying with a fresh stream over them (the SDK
 * cannot replay a consumed one); client errors are not retried.
 */
async function withFreshBody<T>(send: (body: Body) => Promise<T>, file: string, start: number, end: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const abort = new AbortController();
    // Opened before the request, so a missing file fails here rather than inside the SDK's pipe.
    const stream = (await open(file, 'r')).createReadStream({ start, end: Math.max(start, end - 1), highWaterMark: 256 * 1024 });
    let readError: Error | undefined;
    stream.on('error', (error) => {
      readError = error;
      abort.abort(error);
    });
    try {
      return await send(Object.assign(stream, { signal: abort.signal }));
    } catch (error) {
      if (readError) throw readError;
      const status = statusOf(error);
      if (attempt >= BODY_ATTEMPTS || (status !== undefined && status >= 400 && status < 500)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    } finally {
      stream.destroy();
    }
  }
}
