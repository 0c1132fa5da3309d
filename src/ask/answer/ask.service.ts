import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AskAnswer, AskInput, Citation } from '@mina/contract/ask';
import { LlmClient } from '#src/ai/llm/llm.client.js';
import { LlmUnavailableError } from '#src/ai/llm/llm.errors.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { notFound } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { AskConversationsRepository } from '../conversations/ask-conversations.repository.js';
import { AskRetriever } from '../retrieval/ask-retriever.service.js';
import type { RetrievedPassage } from '../retrieval/passages.js';
import { askRequest, type PreviousTurn } from './ask.prompt.js';
import { CitationBook, SentenceSplitter } from './citations.js';
import { extractiveAnswer } from './extractive-answer.js';

/** What a streaming client is sent, in ASK_STREAM_EVENTS order; the JSON path ignores it. */
export interface AskSink {
  meta(data: { conversationId: string }): void;
  delta(data: { text: string }): void;
  citations(data: { citations: Citation[] }): void;
}

export const NOTHING_FOUND = 'Nothing in these meetings answers that question.';
export const NOT_ANSWERED = 'The passages closest to the question do not answer it.';
const CUT = '(The answer was cut at its length limit.)';
const STOPPED = '(The AI model stopped before the answer was finished.)';

interface Written {
  text: string;
  provider: string | null;
  fallbackUsed: boolean;
}

/**
 * POST /api/ask: retrieve passages in scope; none relevant → say so without calling a model;
 * else the LLM answers from the numbered passages, sentence by sentence, and only sentences that
 * cite a given passage are kept (and streamed) — or, with no model, the local extractive answer.
 */
@Injectable()
export class AskService {
  private readonly logger = new Logger(AskService.name);

  constructor(
    private readonly retriever: AskRetriever,
    private readonly conversations: AskConversationsRepository,
    private readonly llm: LlmClient,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async ask(tenant: TenantContext, input: AskInput, sink: AskSink, signal?: AbortSignal): Promise<AskAnswer> {
    const { workspaceId, userId } = tenant;
    const settings = this.config.ask;
    const existing = input.conversationId
      ? await this.conversations.find(workspaceId, userId, input.conversationId.toLowerCase())
      : null;
    if (input.conversationId && !existing) throw notFound('Conversation');
    const history: PreviousTurn[] = existing
      ? await this.conversations.turns(existing.id, settings.historyTurns)
      : [];
    const passages = await this.relevant(workspaceId, input, history);
    signal?.throwIfAborted();

    const question = input.question.trim();
    const conversationId =
      existing?.id ?? (await this.conversations.create(workspaceId, userId, question)).id;
    sink.meta({ conversationId });
    const book = new CitationBook(passages);
    let written: Written;
    if (passages.length === 0) {
      written = { text: NOTHING_FOUND, provider: null, fallbackUsed: false };
      sink.delta({ text: NOTHING_FOUND });
    } else {
      written = await this.write(tenant, input, question, passages, history, book, sink, signal);
    }
    const found = book.citations.length > 0;
    sink.citations({ citations: book.citations });
    const answer: AskAnswer = {
      conversationId,
      answer: written.text,
      citations: book.citations,
      found,
      provider: written.provider,
      fallbackUsed: written.fallbackUsed,
    };
    await this.conversations.addTurn(conversationId, {
      question,
      answer: answer.answer,
      citations: answer.citations,
      found,
      provider: answer.provider,
      fallbackUsed: answer.fallbackUsed,
    });
    return answer;
  }

  /**
   * Passages at or above the relevance bar. A follow-up ("and who proposed it?") often names
   * nothing itself: when it finds nothing, it is retried together with the previous question.
   */
  private async relevant(
    workspaceId: string,
    input: AskInput,
    history: readonly PreviousTurn[],
  ): Promise<RetrievedPassage[]> {
    const { passages: limit, minScore } = this.config.ask;
    const pick = async (question: string) =>
      (await this.retriever.retrieve(workspaceId, { ...input, question }, limit)).filter(
        (p) => p.score >= minScore,
      );
    const found = await pick(input.question);
    const previous = history.at(-1);
    return found.length > 0 || !previous ? found : pick(`${previous.question} ${input.question}`);
  }

  private async write(
    tenant: TenantContext,
    input: AskInput,
    question: string,
    passages: RetrievedPassage[],
    history: PreviousTurn[],
    book: CitationBook,
    sink: AskSink,
    signal?: AbortSignal,
  ): Promise<Written> {
    if (!this.llm.configured)
      return this.fallback(question, passages, 'no AI model is configured', book, sink);
    const max = this.config.ask.maxAnswerChars;
    const kept: string[] = [];
    let length = 0;
    let cut = false;
    const stop = new AbortController();
    const keep = (sentences: string[]) => {
      for (const sentence of sentences) {
        const cited = cut ? null : book.cite(sentence);
        if (cited === null) continue;
        if (kept.length > 0 && length + cited.length + 1 > max) {
          cut = true;
          stop.abort();
          return;
        }
        sink.delta({ text: kept.length === 0 ? cited : ` ${cited}` });
        kept.push(cited);
        length += cited.length + 1;
      }
    };
    const splitter = new SentenceSplitter();
    let provider: string;
    try {
      const result = await this.llm.streamText(
        askRequest(question, passages, history, max),
        { workspaceId: tenant.workspaceId, sessionId: input.sessionId?.toLowerCase(), purpose: 'ask' },
        (delta) => keep(splitter.push(delta)),
        signal ? AbortSignal.any([signal, stop.signal]) : stop.signal,
      );
      keep(splitter.end());
      provider = result.model;
    } catch (error) {
      signal?.throwIfAborted();
      if (!(error instanceof LlmUnavailableError)) throw error;
      if (!cut && kept.length === 0)
        return this.fallback(question, passages, 'the AI model is unavailable', book, sink, error.message);
      // Sentences were already sent: they stand, and the answer says where it ends.
      if (!cut) this.logger.warn(`Ask: the LLM stopped mid-answer (${error.message})`);
      return this.ended(kept, cut ? CUT : STOPPED, this.config.llmModel, sink);
    }
    if (cut) return this.ended(kept, CUT, provider, sink);
    if (kept.length === 0) {
      sink.delta({ text: NOT_ANSWERED });
      return { text: NOT_ANSWERED, provider, fallbackUsed: false };
    }
    return { text: kept.join(' '), provider, fallbackUsed: false };
  }

  private ended(kept: string[], note: string, provider: string, sink: AskSink): Written {
    sink.delta({ text: ` ${note}` });
    return { text: `${kept.join(' ')} ${note}`, provider, fallbackUsed: false };
  }

  private fallback(
    question: string,
    passages: RetrievedPassage[],
    reason: string,
    book: CitationBook,
    sink: AskSink,
    detail?: string,
  ): Written {
    if (detail) this.logger.warn(`Ask: using the extractive fallback (${detail})`);
    const text = extractiveAnswer(question, passages, reason, book);
    sink.delta({ text });
    return { text, provider: null, fallbackUsed: true };
  }
}
