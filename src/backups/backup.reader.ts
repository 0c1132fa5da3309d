import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { MinaException } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { BackupException } from './backup.exception.js';
import { decodeHeader, keyFingerprint } from './backup-format.js';
import type { BackupManifest } from './backup-manifest.js';
import { asBackupError, decompressStream, decryptStream } from './backup-streams.js';
import { BackupStore } from './backup.store.js';

export const KEY_MISSING_MESSAGE =
  'Backups are disabled: MINA_BACKUP_KEY is not set. Generate one with `openssl rand -base64 32`, keep a copy away from this machine, and set it on every Mina process.';

type Sink = NodeJS.WritableStream | ((source: AsyncIterable<Buffer>) => Promise<void>);

/** Opens a backup for verify and restore: the checks before a single decrypted byte is used. */
@Injectable()
export class BackupReader {
  constructor(
    readonly store: BackupStore,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  key(): Buffer {
    if (!this.config.backupKey) throw new MinaException('BACKUP_KEY_MISSING', KEY_MISSING_MESSAGE);
    return this.config.backupKey;
  }

  /** `latest` names the newest completed backup. */
  async resolveId(id: string): Promise<string> {
    if (id !== 'latest') return id;
    const newest = (await this.store.list())
      .filter((m) => m.status === 'completed')
      .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))[0];
    if (!newest) throw new BackupException('not-found', `no completed backup in ${this.store.dir}`);
    return newest.id;
  }

  /**
   * Manifest, header and checksum, in that order: a header that disagrees with the manifest was
   * altered; a header and manifest that agree on another key's fingerprint mean a different key;
   * then the sha256 of the whole file must match. The GCM tag is checked while decrypting.
   */
  async check(id: string): Promise<BackupManifest> {
    const key = this.key();
    const manifest = await this.store.require(id);
    if (manifest.status !== 'completed') {
      throw new BackupException('not-completed', `backup ${id} is ${manifest.status}${manifest.error ? ` (${manifest.error})` : ''}; only completed backups can be verified or restored`);
    }
    const { header, size } = await this.store.readHeader(id);
    const h = decodeHeader(header);
    if (h.backupId !== manifest.id) throw BackupException.corrupted(`the file belongs to backup ${h.backupId}`);
    if (h.keyFingerprint !== manifest.encryption.keyFingerprint) throw BackupException.corrupted('the key fingerprint in the file differs from the manifest');
    if (h.keyFingerprint !== keyFingerprint(key)) throw BackupException.wrongKey(h.keyFingerprint, keyFingerprint(key));
    if (size !== manifest.sizeBytes) throw BackupException.corrupted(`the file has ${size} bytes, the manifest says ${manifest.sizeBytes}`);
    const hash = createHash('sha256');
    await pipeline(createReadStream(this.store.filePath(id)), hash);
    if (hash.digest('hex') !== manifest.sha256) throw BackupException.corrupted('its sha256 differs from the manifest');
    return manifest;
  }

  /** Streams the decrypted, decompressed content into `sink`. Trust it only once this resolves. */
  async decrypt(manifest: BackupManifest, sink: Sink): Promise<void> {
    const decrypt = decryptStream(this.key(), { backupId: manifest.id, keyFingerprint: manifest.encryption.keyFingerprint });
    try {
      await pipeline(createReadStream(this.store.filePath(manifest.id)), decrypt, decompressStream(manifest.compression), sink as NodeJS.WritableStream);
    } catch (error) {
      throw asBackupError(error);
    }
  }

  /** The whole content in memory (PGlite data directories, which PGlite loads from a Blob anyway). */
  async decryptToBuffer(manifest: BackupManifest): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.decrypt(manifest, async (source) => {
      for await (const chunk of source) chunks.push(chunk);
    });
    return Buffer.concat(chunks);
  }
}
