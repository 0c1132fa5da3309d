import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { loadConfig } from '#src/config/config.js';
import { AUDIO_STORE, type AudioStore } from './audio-store.js';
import { BLOB_STORE } from './storage/blob-store.js';
import { LocalDiskBlobStore } from './storage/local-disk-blob.store.js';
import { audioStoreProvider, ffmpegInfoProvider } from './audio-store.provider.js';
import { FFMPEG_INFO, type FfmpegInfo } from './codec/ffmpeg.js';

/*
 * ffmpeg is looked for once at boot: with it uploads take every common format and recordings are
 * kept as FLAC; without it the server still starts, says so once, takes WAV and keeps WAV.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'mina-boot-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function boot(env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing', MINA_DATA_DIR: dataDir, ...env });
  const module = await Test.createTestingModule({ providers: [{ provide: MINA_CONFIG, useValue: config }, { provide: BLOB_STORE, useValue: new LocalDiskBlobStore(config.recordingsDir) }, ffmpegInfoProvider, audioStoreProvider] }).compile();
  return { store: module.get<AudioStore>(AUDIO_STORE), info: module.get<FfmpegInfo>(FFMPEG_INFO) };
}

const about = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('ffmpeg'));

describe('audio decoding at boot', () => {
  it('with ffmpeg: FLAC recordings and one line saying what uploads accept', async () => {
    const log = vi.spyOn(Logger.prototype, 'log');
    const { store, info } = await boot();
    expect(store.format).toBe('flac');
    expect(info).toMatchObject({ available: true, version: expect.stringMatching(/^\d/) });
    expect(about(log)).toEqual([expect.stringMatching(/^ffmpeg \d\S* found: uploads accept WAV, MP3, M4A\/AAC, OGG\/Opus, WebM\/Opus and FLAC; recordings kept as FLAC$/)]);
  });

  it('MINA_RECORDINGS_FORMAT=wav keeps WAV even with ffmpeg', async () => {
    expect((await boot({ MINA_RECORDINGS_FORMAT: 'wav' })).store.format).toBe('wav');
  });

  it('without ffmpeg: starts, warns once with what still works, keeps WAV', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const { store, info } = await boot({ MINA_FFMPEG_PATH: '/nonexistent/ffmpeg' });
    expect(store.format).toBe('wav');
    expect(info.available).toBe(false);
    expect(about(warn)).toEqual([
      'ffmpeg not found ("/nonexistent/ffmpeg"): uploads accept WAV only, recordings kept as WAV; install ffmpeg (apt install ffmpeg) for MP3, M4A/AAC, OGG/Opus, WebM/Opus and FLAC',
    ]);
  });

  it('refuses to start when FLAC is asked for and ffmpeg is missing', async () => {
    await expect(boot({ MINA_FFMPEG_PATH: '/nonexistent/ffmpeg', MINA_RECORDINGS_FORMAT: 'flac' })).rejects.toThrow(/MINA_RECORDINGS_FORMAT=flac needs ffmpeg/);
  });

  it('refuses an unknown MINA_RECORDINGS_FORMAT', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing', MINA_RECORDINGS_FORMAT: 'mp3' })).toThrow(/MINA_RECORDINGS_FORMAT/);
  });
});
