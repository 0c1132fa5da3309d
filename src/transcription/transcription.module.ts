import { Module } from '@nestjs/common';

/** Socket.IO gateway, audio spool, VAD windows and ASR providers (see transcription/audio for the signal path). */
@Module({})
export class TranscriptionModule {}
