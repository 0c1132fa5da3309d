import { Inject, Injectable } from '@nestjs/common';
import { APIError } from 'openai';
import type { AiProviderKind, AiProviderView, ProviderBreakerState } from '@mina/contract/ai-providers';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import {
  CircuitBreakers,
  type BreakerStateName,
  type RunOptions,
} from '#src/resilience/circuit-breakers.service.js';
import { CallTimeoutError } from '#src/resilience/resilience.errors.js';
import { servesPurpose, type AiProviderConfig } from './provider-config.js';
import { ProviderStats } from './provider-stats.js';

/** One ASR request to one provider gives up after this long (the chain's outer timeout allows one such wait per provider). */
export const ASR_PROVIDER_TIMEOUT_MS = 30_000;

/** One endpoint of a chain with its breaker (`llm:<name>`, `asr:<name>`) and live stats. */
export interface ProviderLink {
  kind: AiProviderKind;
  name: string;
  position: number;
  config: AiProviderConfig;
  breaker: string;
  stats: ProviderStats;
}

const STATE: Record<BreakerStateName, ProviderBreakerState> = {
  closed: 'closed',
  open: 'open',
  'half-open': 'half_open',
};
const MAX_ERROR_CHARS = 300;

/** A failure as the admin view and logs may show it: status and message, any key-looking text masked. */
export function describeProviderError(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  let text = error instanceof Error ? error.message : String(error);
  // The SDK's messages start with the status ("503 The engine is…"); say it when one does not.
  if (error instanceof APIError && error.status !== undefined && !text.startsWith(String(error.status)))
    text = `${error.status} ${text}`;
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  text = text.replace(/\b(sk|key|token)-[A-Za-z0-9*_-]{6,}/gi, '[redacted]');
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

/**
 * The AI provider chains of this process (MINA_LLM_PROVIDERS, MINA_ASR_PROVIDERS): each provider's
 * breaker is declared at start, and every call to a provider goes through `call`, which keeps its
 * stats (requests, failures, recent latency, last error) in memory.
 */
@Injectable()
export class AiProviders {
  readonly llm: readonly ProviderLink[];
  readonly asr: readonly ProviderLink[];

  constructor(
    @Inject(MINA_CONFIG) config: MinaConfig,
    private readonly breakers: CircuitBreakers,
  ) {
    const settings = pipelineSettings(config);
    const link =
      (kind: AiProviderKind) =>
      (provider: AiProviderConfig, position: number): ProviderLink => ({
        kind,
        name: provider.name,
        position,
        config: provider,
        breaker: `${kind}:${provider.name}`,
        stats: new ProviderStats(),
      });
    this.llm = config.llmProviders.map(link('llm'));
    this.asr = config.asrProviders.map(link('asr'));
    for (const l of this.llm) {
      breakers.configure(l.breaker, {
        timeoutMs: settings.llmTimeoutMs,
        retries: settings.llmRetries,
        maxConcurrent: settings.llmMaxConcurrent,
        maxQueue: 100_000,
      });
    }
    for (const l of this.asr)
      breakers.configure(l.breaker, { timeoutMs: ASR_PROVIDER_TIMEOUT_MS, retries: 0 });
  }

  /** The LLM providers that may serve `purpose`, in chain order. */
  llmFor(purpose: string): ProviderLink[] {
    return this.llm.filter((l) => servesPurpose(l.config.roles, purpose));
  }

  isOpen(link: ProviderLink): boolean {
    return this.breakers.isOpen(link.breaker);
  }

  /** One call to one provider through its breaker; each attempt is counted in its stats (caller aborts are not). */
  call<T>(link: ProviderLink, fn: (signal: AbortSignal) => Promise<T>, options: RunOptions = {}): Promise<T> {
    return this.breakers.run(
      link.breaker,
      async (signal) => {
        const started = performance.now();
        try {
          const result = await fn(signal);
          link.stats.succeeded(performance.now() - started);
          return result;
        } catch (error) {
          const timedOut = signal.reason instanceof CallTimeoutError;
          if (!signal.aborted || timedOut)
            link.stats.failed(this.describe(link, timedOut ? signal.reason : error));
          throw error;
        }
      },
      options,
    );
  }

  describe(link: ProviderLink, error: unknown): string {
    return describeProviderError(error, [link.config.apiKey]);
  }

  views(): AiProviderView[] {
    return [...this.llm, ...this.asr].map((l) => ({
      id: l.breaker,
      kind: l.kind,
      name: l.name,
      position: l.position,
      baseUrl: shownUrl(l.config.baseUrl),
      model: l.config.model,
      roles: [...l.config.roles],
      state: STATE[this.breakers.state(l.breaker).state],
      ...l.stats.snapshot(),
    }));
  }
}

/**
 * The endpoint as an admin may see it: no user, password, query or fragment. The chain's entries
 * refuse credentials in the URL; OPENAI_BASE_URL (the `default` provider) is taken as given and may
 * carry them (`https://user:key@…`, `?api-key=…`).
 */
export function shownUrl(baseUrl: string | undefined): string | null {
  if (!baseUrl) return null;
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}
