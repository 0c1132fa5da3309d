import { createCipheriv, createDecipheriv, createHash, randomBytes, type DecipherGCM, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { constants, createGunzip, createGzip, createZstdCompress, createZstdDecompress } from 'node:zlib';
import { BackupException } from './backup.exception.js';
import { decodeHeader, encodeHeader, FORMAT_VERSION, HEADER_BYTES, IV_BYTES, keyFingerprint, TAG_BYTES, type BackupHeader, type Compression } from './backup-format.js';

const ALGORITHM = 'aes-256-gcm';

/** Counts and hashes whatever passes through (the encrypted bytes, for the manifest's sha256 and size). */
export class DigestTap extends Transform {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Writes the header, then the ciphertext, then the auth tag. A fresh random IV per file. */
export function encryptStream(key: Buffer, backupId: string, compression: Compression): Transform {
  const iv = randomBytes(IV_BYTES);
  const header = encodeHeader({ version: FORMAT_VERSION, compression, keyFingerprint: keyFingerprint(key), iv, backupId });
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(header);
  let started = false;
  const start = (stream: Transform) => {
    if (!started) stream.push(header);
    started = true;
  };
  return new Transform({
    transform(chunk: Buffer, _, done) {
      start(this);
      done(null, cipher.update(chunk));
    },
    flush(done) {
      start(this);
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

export interface DecryptExpectation {
  backupId: string;
  /** The fingerprint the manifest recorded: a header that disagrees was altered. */
  keyFingerprint: string;
}

/**
 * Checks the header against the manifest and the key, decrypts, and authenticates at the end:
 * until the stream finishes without error its output is not to be trusted (callers write it to
 * a private file and act on it only afterwards).
 */
export function decryptStream(key: Buffer, expected: DecryptExpectation): Transform {
  let head: Buffer | undefined = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let decipher: DecipherGCM | undefined;
  const open = (header: Buffer) => {
    const h: BackupHeader = decodeHeader(header);
    if (h.backupId !== expected.backupId) throw BackupException.corrupted(`the file belongs to backup ${h.backupId}, not ${expected.backupId}`);
    if (h.keyFingerprint !== expected.keyFingerprint) throw BackupException.corrupted('the key fingerprint in the file differs from the manifest');
    const ours = keyFingerprint(key);
    if (h.keyFingerprint !== ours) throw BackupException.wrongKey(h.keyFingerprint, ours);
    decipher = createDecipheriv(ALGORITHM, key, h.iv);
    decipher.setAAD(header);
  };
  return new Transform({
    transform(chunk: Buffer, _, done) {
      try {
        let data = chunk;
        if (head) {
          head = Buffer.concat([head, chunk]);
          if (head.length < HEADER_BYTES) return done();
          open(head.subarray(0, HEADER_BYTES));
          data = head.subarray(HEADER_BYTES);
          head = undefined;
        }
        const all = tail.length ? Buffer.concat([tail, data]) : data;
        const cut = Math.max(0, all.length - TAG_BYTES);
        tail = Buffer.from(all.subarray(cut));
        done(null, cut > 0 ? decipher!.update(all.subarray(0, cut)) : undefined);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      if (head || !decipher || tail.length < TAG_BYTES) return done(BackupException.corrupted('the file is truncated'));
      try {
        decipher.setAuthTag(tail);
        done(null, decipher.final());
      } catch {
        done(BackupException.corrupted('the authentication tag does not match the content'));
      }
    },
  });
}

export function compressStream(compression: Compression, level: number): Transform {
  switch (compression) {
    case 'zstd':
      return createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: level } });
    case 'gzip':
      return createGzip({ level: Math.min(9, level) });
    case 'none':
      return new Transform({ transform: (chunk, _, done) => done(null, chunk) });
  }
}

export function decompressStream(compression: Compression): Transform {
  switch (compression) {
    case 'zstd':
      return createZstdDecompress();
    case 'gzip':
      return createGunzip();
    case 'none':
      return new Transform({ transform: (chunk, _, done) => done(null, chunk) });
  }
}

/** zlib and zstd errors carry codes like Z_DATA_ERROR or ZSTD_error_…: on data that decrypts, that is corruption too. */
export function asBackupError(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^(Z_|ZSTD_)/.test(code)) return BackupException.corrupted(`it does not decompress (${(error as Error).message})`);
  return error;
}
