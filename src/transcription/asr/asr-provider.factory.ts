import type { FactoryProvider } from '@nestjs/common';
import { AiProviders } from '#src/ai/providers/ai-providers.service.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { ASR_PROVIDER, UnconfiguredAsrProvider, type AsrProvider } from './asr-provider.js';
import { FailoverAsrProvider } from './failover-asr.provider.js';
import { OpenAiRealtimeAsrProvider } from './openai-realtime.provider.js';

/**
 * The ASR provider chain (MINA_ASR_PROVIDERS, or the single-endpoint settings as one provider) when
 * configured — realtime on the first provider with the windowed chain as its fallback, or the
 * windowed chain — else the honest "no ASR" provider.
 */
export const asrProviderFactory: FactoryProvider<AsrProvider> = {
  provide: ASR_PROVIDER,
  inject: [MINA_CONFIG, AiProviders],
  useFactory: (config: MinaConfig, providers: AiProviders): AsrProvider => {
    if (providers.asr.length === 0) return new UnconfiguredAsrProvider();
    const windowed = new FailoverAsrProvider(providers);
    if (config.asrMode === 'windowed') return windowed;
    return new OpenAiRealtimeAsrProvider(windowed, { ...windowed.first, connectTimeoutMs: 10_000 });
  },
};
