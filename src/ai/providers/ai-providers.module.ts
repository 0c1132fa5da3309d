import { Global, Module } from '@nestjs/common';
import { AiProviders } from './ai-providers.service.js';

/** The provider chains, one registry per process, shared by the LLM client and the ASR provider. */
@Global()
@Module({ providers: [AiProviders], exports: [AiProviders] })
export class AiProvidersModule {}
