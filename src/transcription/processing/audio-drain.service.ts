import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { FinalizeHooks, type DrainOutcome } from '#src/sessions/finalize-hooks.js';
import { ASR_PROVIDER, type AsrProvider } from '../asr/asr-provider.js';
import { AudioSpool } from '../spool/audio-spool.service.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '../transcription.options.js';
import { TranscriptionWorker } from './transcription-worker.service.js';

/**
 * Finalization (socket, HTTP or the abandoned sweep alike) first closes the session's spool
 * and waits until every acked chunk is transcribed and stored.
 */
@Injectable()
export class AudioDrainService implements OnModuleInit {
  constructor(
    private readonly hooks: FinalizeHooks,
    private readonly spool: AudioSpool,
    private readonly worker: TranscriptionWorker,
    @Inject(ASR_PROVIDER) private readonly asr: AsrProvider,
    @Inject(TRANSCRIPTION_OPTIONS) private readonly options: TranscriptionOptions,
  ) {}

  onModuleInit(): void {
    this.hooks.onDrain((sessionId) => this.drain(sessionId));
  }

  async drain(sessionId: string): Promise<DrainOutcome> {
    const meta = await this.spool.meta(sessionId);
    if (!meta.started) return 'transcribed';
    await this.spool.end(sessionId);
    if (!this.asr.info.configured) return 'no_asr';
    this.worker.ensure(sessionId, '');
    return (await this.worker.drain(sessionId, this.options.drainTimeoutMs)) ? 'transcribed' : 'incomplete';
  }
}
