import { Logger, type FactoryProvider } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { ASR_PROVIDER, UnconfiguredAsrProvider, type AsrProvider } from './asr-provider.js';
import { OpenAiAsrProvider } from './openai-asr.provider.js';

/** OpenAI (or OPENAI_BASE_URL) when configured, else the honest "no ASR" provider. */
export const asrProviderFactory: FactoryProvider<AsrProvider> = {
  provide: ASR_PROVIDER,
  inject: [MINA_CONFIG],
  useFactory: (config: MinaConfig): AsrProvider => {
    if (!config.openaiApiKey && !config.openaiBaseUrl) return new UnconfiguredAsrProvider();
    if (config.asrMode === 'realtime') {
      new Logger('AsrProvider').warn('MINA_ASR_MODE=realtime is not available yet; using windowed transcription');
    }
    return new OpenAiAsrProvider({ apiKey: config.openaiApiKey, baseURL: config.openaiBaseUrl, model: config.asrModel });
  },
};
