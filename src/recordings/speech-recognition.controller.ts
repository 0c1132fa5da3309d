import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyAllowed } from '#src/auth/api-key-verifier.js';
import { Authenticated } from '#src/auth/decorators.js';
import { ASR_PROVIDER, type AsrProvider } from '#src/transcription/asr/asr-provider.js';
import type { AsrInfo } from '#src/transcription/transcription.events.js';

/**
 * Whether this server has a speech recognizer: the console says so on the dashboard and
 * explains why "Transcribe" is disabled while there is none. No endpoint, no key: only names.
 */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api/speech-recognition')
export class SpeechRecognitionController {
  constructor(@Inject(ASR_PROVIDER) private readonly asr: AsrProvider) {}

  /** Open to API keys: it says nothing about any workspace. */
  @Get()
  @Authenticated()
  @ApiKeyAllowed()
  get(): AsrInfo {
    return this.asr.info;
  }
}
