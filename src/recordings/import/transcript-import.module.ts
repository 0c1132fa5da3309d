import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { TranscriptImportController } from './transcript-import.controller.js';
import { TranscriptImportService } from './transcript-import.service.js';

@Module({
  imports: [
    SessionsModule,
    // Memory storage, bounded: one file of at most MINA_IMPORT_MAX_BYTES, a few small fields.
    MulterModule.registerAsync({
      inject: [MINA_CONFIG],
      useFactory: (config: MinaConfig) => ({ limits: { fileSize: config.importMaxBytes, files: 1, fields: 8, fieldSize: 4096, parts: 10 } }),
    }),
  ],
  controllers: [TranscriptImportController],
  providers: [TranscriptImportService],
})
export class TranscriptImportModule {}
