import { Injectable } from '@nestjs/common';
import type { SummaryData } from './summary.repository.js';
import type { StageSession } from './pipeline.repository.js';

type Session = Pick<StageSession, 'id' | 'workspaceId' | 'meetingId' | 'userId'>;

/** What the live copilot found while the session recorded, reconciled with the final insights. */
export interface ProvisionalInsights {
  /** After the final tasks are written: link matching items, add pinned ones without a match, supersede the rest. */
  reconcileTasks(session: Session): Promise<Record<string, number>>;
  /** Before the summary is written: the summary with pinned decisions, risks and questions it lacked added. */
  reconcileSummary(session: Session, summary: SummaryData): Promise<SummaryData>;
}

/**
 * The pipeline's port for provisional insights (the copilot module registers itself here), so the
 * task and summary stages reconcile without importing the copilot's internals. Empty: nothing to do.
 */
@Injectable()
export class ProvisionalInsightsPort {
  private source: ProvisionalInsights | undefined;

  register(source: ProvisionalInsights): void {
    this.source = source;
  }

  reconcileTasks(session: Session): Promise<Record<string, number>> {
    return this.source ? this.source.reconcileTasks(session) : Promise.resolve({});
  }

  reconcileSummary(session: Session, summary: SummaryData): Promise<SummaryData> {
    return this.source ? this.source.reconcileSummary(session, summary) : Promise.resolve(summary);
  }
}
