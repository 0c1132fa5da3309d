import { BreakerOpenError, NonRetriableError } from '#src/resilience/resilience.errors.js';
import type { AiProviders, ProviderLink } from '#src/ai/providers/ai-providers.service.js';
import type { AsrInfo } from '../transcription.events.js';
import type { AsrProvider, AsrRequest, AsrResult } from './asr-provider.js';
import { OpenAiAsrProvider } from './openai-asr.provider.js';

/**
 * Windowed transcription over the ASR provider chain (MINA_ASR_PROVIDERS): each provider behind its
 * own breaker (`asr:<name>`, no retries of its own), tried in order. A failure (5xx, 429, timeout,
 * connection error, open breaker) moves the window to the next provider; a request a provider
 * refuses as malformed is refused for good (NonRetriableError), as one provider would. When every
 * provider failed, the last error is thrown: the caller's `asr` breaker retries and keeps the audio.
 */
export class FailoverAsrProvider implements AsrProvider {
  readonly info: AsrInfo;
  readonly diarizes: boolean;
  private readonly links: { link: ProviderLink; asr: OpenAiAsrProvider }[];

  constructor(private readonly providers: AiProviders) {
    this.links = providers.asr.map((link) => ({
      link,
      asr: new OpenAiAsrProvider({
        apiKey: link.config.apiKey,
        baseURL: link.config.baseUrl,
        model: link.config.model,
      }),
    }));
    const first = this.links[0].asr;
    // Speaker labels are only reused across windows when every provider diarizes alike.
    this.diarizes = this.links.every((l) => l.asr.diarizes);
    this.info =
      this.links.length === 1
        ? first.info
        : {
            ...first.info,
            message: `ASR providers in order: ${this.links.map((l) => l.link.name).join(', ')}`,
          };
  }

  /** The first provider's options (realtime mode keeps to it; the chain is its fallback). */
  get first(): { apiKey?: string; baseURL?: string; model: string } {
    const { apiKey, baseUrl, model } = this.links[0].link.config;
    return { apiKey, baseURL: baseUrl, model };
  }

  async transcribe(request: AsrRequest): Promise<AsrResult> {
    let last: Error | undefined;
    for (const { link, asr } of this.links) {
      request.signal.throwIfAborted();
      try {
        return await this.providers.call(link, (signal) => asr.transcribe({ ...request, signal }), {
          signal: request.signal,
        });
      } catch (error) {
        if (error instanceof NonRetriableError || request.signal.aborted) throw error;
        last = error as Error;
      }
    }
    throw last ?? new BreakerOpenError(this.links.map((l) => l.link.breaker).join(', '));
  }
}
