import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { withContext } from '#src/database/with-context.js';
import { LiveAudioArchivePort, type LiveAudioArchive } from '#src/transcription/processing/live-audio-archive.js';
import { BLOB_STORE, type BlobStore } from '../storage/blob-store.js';
import { RECORDING_SAMPLE_RATE } from '../wav-header.js';
import { keepsAudio } from './keep-setting.js';
import { RecordingPartsRepository } from './recording-parts.repository.js';

/**
 * A part's blob key. It names the sample count too: two owners of a session (one taking over from
 * the other's replay point) may both start a part at the same sample with different lengths, and
 * one key must always hold one content.
 */
export const partKey = (sessionId: string, startSample: number, samples: number): string => `parts/${sessionId}/${startSample}-${samples}.pcm`;

/**
 * The recording store's side of archiving live audio while it is transcribed: each part is
 * written as a raw PCM16 file into the blob store (durable before its row exists), then listed in
 * `recording_part`. The rows are the truth: assembly reads only listed parts.
 */
@Injectable()
export class LiveAudioArchiveService implements LiveAudioArchive, OnModuleInit {
  readonly partSamples: number;
  private readonly tmpDir: string;

  constructor(
    private readonly port: LiveAudioArchivePort,
    private readonly parts: RecordingPartsRepository,
    private readonly orm: MikroORM,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.partSamples = config.liveAudioPartSeconds * RECORDING_SAMPLE_RATE;
    this.tmpDir = join(config.recordingsDir, '.tmp');
  }

  onModuleInit(): void {
    this.port.register(this);
  }

  async keeps(session: { id: string; workspaceId: string }): Promise<boolean> {
    return withContext(this.orm, async () => keepsAudio(await this.parts.workspaceSettings(session.workspaceId)) && !(await this.parts.hasRecording(session.id)));
  }

  async writePart(sessionId: string, startSample: number, pcm: Buffer): Promise<void> {
    const sampleCount = pcm.length / 2;
    const key = partKey(sessionId, startSample, sampleCount);
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `part-${sessionId}-${startSample}-${randomBytes(4).toString('hex')}.pcm`);
    try {
      await writeFile(tmp, pcm);
      await this.blobs.putFile(key, tmp, 'application/octet-stream');
    } finally {
      await rm(tmp, { force: true });
    }
    await withContext(this.orm, () => this.parts.insert(sessionId, { startSample, sampleCount, key }));
  }
}
