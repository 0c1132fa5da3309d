import type { FactoryProvider } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { ASR_PROVIDER, UnconfiguredAsrProvider, type AsrProvider } from './asr-provider.js';
import { OpenAiAsrProvider } from './openai-asr.provider.js';
import { OpenAiRealtimeAsrProvider } from './openai-realtime.provider.js';

/** OpenAI (or OPENAI_BASE_URL) when configured — realtime with windowed fallback, or windowed — else the honest "no ASR" provider. */
export const asrProviderFactory: FactoryProvider<AsrProvider> = {
  provide: ASR_PROVIDER,
  inject: [MINA_CONFIG],
  useFactory: (config: MinaConfig): AsrProvider => {
    if (!config.openaiApiKey && !config.openaiBaseUrl) return new UnconfiguredAsrProvider();
    const options = { apiKey: config.openaiApiKey, baseURL: config.openaiBaseUrl, model: config.asrModel };
    const windowed = new OpenAiAsrProvider(options);
    if (config.asrMode === 'windowed') return windowed;
    return new OpenAiRealtimeAsrProvider(windowed, { ...options, connectTimeoutMs: 10_000 });
  },
};
