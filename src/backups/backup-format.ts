import { createHash } from 'node:crypto';
import { BackupException } from './backup.exception.js';

/**
 * Layout of an encrypted backup file (all of the header is GCM additional data, so no byte of
 * it can change unnoticed):
 *
 *   magic "MINABKUP" (8) · format version (1) · compression (1) · reserved (2)
 *   key fingerprint (8) · IV (12) · backup id (16, the UUID's bytes)
 *   AES-256-GCM ciphertext of the compressed dump … · auth tag (16)
 */
export const MAGIC = Buffer.from('MINABKUP', 'ascii');
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 48;
export const TAG_BYTES = 16;
export const IV_BYTES = 12;

export const COMPRESSIONS = ['none', 'gzip', 'zstd'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export interface BackupHeader {
  version: number;
  compression: Compression;
  keyFingerprint: string;
  iv: Buffer;
  backupId: string;
}

/** First 8 bytes of sha256(key), hex: names the key in manifests without revealing it. */
export const keyFingerprint = (key: Buffer): string => createHash('sha256').update(key).digest().subarray(0, 8).toString('hex');

const uuidBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidString = (b: Buffer): string => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function encodeHeader(h: BackupHeader): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(out, 0);
  out.writeUInt8(h.version, 8);
  out.writeUInt8(COMPRESSIONS.indexOf(h.compression), 9);
  Buffer.from(h.keyFingerprint, 'hex').copy(out, 12);
  h.iv.copy(out, 20);
  uuidBytes(h.backupId).copy(out, 32);
  return out;
}

export function decodeHeader(buf: Buffer): BackupHeader {
  if (buf.length < HEADER_BYTES || !buf.subarray(0, 8).equals(MAGIC)) {
    throw BackupException.corrupted('the file is not a Mina backup (bad header)');
  }
  const version = buf.readUInt8(8);
  if (version !== FORMAT_VERSION) {
    throw new BackupException('unsupported-format', `backup format version ${version} is not supported by this Mina (it reads version ${FORMAT_VERSION})`);
  }
  const compression = COMPRESSIONS[buf.readUInt8(9)] as Compression | undefined;
  if (!compression) throw BackupException.corrupted('unknown compression in the header');
  return {
    version,
    compression,
    keyFingerprint: buf.subarray(12, 20).toString('hex'),
    iv: Buffer.from(buf.subarray(20, 32)),
    backupId: uuidString(buf.subarray(32, 48)),
  };
}
