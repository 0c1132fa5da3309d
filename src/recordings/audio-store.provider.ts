import { join } from 'node:path';
import { Logger, type Provider } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { AUDIO_STORE } from './audio-store.js';
import { FFMPEG_INFO, FfmpegCodec, detectFfmpeg, type FfmpegInfo } from './codec/ffmpeg.js';
import { WavCodec } from './codec/wav-codec.js';
import { RecordingStore } from './recording-store.js';
import { LocalDiskBlobStore } from './storage/local-disk-blob.store.js';

const logger = new Logger('AudioDecoding');

/** ffmpeg is looked for once, at boot: uploads and the recording format both follow from it. */
export const ffmpegInfoProvider: Provider = {
  provide: FFMPEG_INFO,
  inject: [MINA_CONFIG],
  useFactory: (config: MinaConfig): Promise<FfmpegInfo> => detectFfmpeg({ ffmpeg: config.ffmpegPath, ffprobe: config.ffprobePath }),
};

/** The recording store: FLAC through ffmpeg when it is there (or asked for), WAV otherwise. */
export const audioStoreProvider: Provider = {
  provide: AUDIO_STORE,
  inject: [MINA_CONFIG, FFMPEG_INFO],
  useFactory: (config: MinaConfig, ffmpeg: FfmpegInfo): RecordingStore => {
    const format = config.recordingsFormat === 'auto' ? (ffmpeg.available ? 'flac' : 'wav') : config.recordingsFormat;
    if (format === 'flac' && !ffmpeg.available) {
      throw new Error(`MINA_RECORDINGS_FORMAT=flac needs ffmpeg, but "${ffmpeg.ffmpeg}" could not be run: install ffmpeg (apt install ffmpeg) or set MINA_FFMPEG_PATH`);
    }
    if (ffmpeg.available) {
      logger.log(`ffmpeg ${ffmpeg.version ?? '(unknown version)'} found: uploads accept WAV, MP3, M4A/AAC, OGG/Opus, WebM/Opus and FLAC; recordings kept as ${format.toUpperCase()}`);
    } else {
      logger.warn(`ffmpeg not found ("${ffmpeg.ffmpeg}"): uploads accept WAV only, recordings kept as WAV; install ffmpeg (apt install ffmpeg) for MP3, M4A/AAC, OGG/Opus, WebM/Opus and FLAC`);
    }
    const codec = ffmpeg.available ? new FfmpegCodec({ ffmpeg: ffmpeg.ffmpeg }) : new WavCodec();
    return new RecordingStore(new LocalDiskBlobStore(config.recordingsDir), codec, format, join(config.recordingsDir, '.tmp'));
  },
};
