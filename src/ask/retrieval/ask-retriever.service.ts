import { Inject, Injectable } from '@nestjs/common';
import type { AskScope } from '@mina/contract/ask';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { MinaException, notFound } from '#src/common/mina.exception.js';
import { parseStrictDate } from '#src/common/strict-date.js';
import { AskRetrievalRepository, type RetrievalScope } from './ask-retrieval.repository.js';
import { assemblePassages, type RetrievedPassage } from './passages.js';

/** Hits fetched per passage wanted: neighbouring hits fold into one passage. */
const HITS_PER_PASSAGE = 3;

/**
 * Ranked passages for a question within what the caller may read: their workspace, narrowed by
 * session, meeting, dates and speaker. A session or meeting of another workspace is 404, as
 * everywhere; the SQL itself is scoped to the workspace too.
 */
@Injectable()
export class AskRetriever {
  constructor(
    private readonly repo: AskRetrievalRepository,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async retrieve(
    workspaceId: string,
    input: AskScope & { question: string },
    limit: number,
  ): Promise<RetrievedPassage[]> {
    const question = input.question.trim();
    if (!question) throw new MinaException('VALIDATION_FAILED', 'question must not be blank');
    const scope = await this.scope(workspaceId, input);
    const hits = await this.repo.hits(scope, question, limit * HITS_PER_PASSAGE);
    const radius = this.config.ask.window;
    const segments = await this.repo.windows(workspaceId, hits, radius);
    return assemblePassages(hits, segments, radius, limit);
  }

  private async scope(workspaceId: string, input: AskScope): Promise<RetrievalScope> {
    const from = input.from === undefined ? undefined : parseStrictDate(input.from);
    const to = input.to === undefined ? undefined : parseStrictDate(input.to);
    if (from && to && from > to) throw new MinaException('VALIDATION_FAILED', 'from must not be after to');
    const sessionId = input.sessionId?.toLowerCase();
    const meetingId = input.meetingId?.toLowerCase();
    if (sessionId && !(await this.repo.sessionExists(workspaceId, sessionId))) throw notFound('Session');
    if (meetingId && !(await this.repo.meetingExists(workspaceId, meetingId))) throw notFound('Meeting');
    const speaker = input.speaker?.trim();
    return { workspaceId, sessionId, meetingId, from, to, speaker: speaker || undefined };
  }
}
