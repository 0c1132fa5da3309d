import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { CopilotKind, CopilotOutcome } from '@mina/contract/copilot';
import type { SummaryItem } from '@mina/contract/views';
import { ProvisionalInsightsPort, type ProvisionalInsights } from '#src/pipeline/provisional-insights.js';
import type { StageSession } from '#src/pipeline/pipeline.repository.js';
import type { SummaryData } from '#src/pipeline/summary.repository.js';
import { bestMatch } from './copilot-match.js';
import { CopilotRepository, type CopilotItemRow, type Resolution } from './copilot.repository.js';

type Session = Pick<StageSession, 'id' | 'workspaceId' | 'meetingId' | 'userId'>;

/** Where an item that is not matched goes: a pinned one is kept (`add`), an unpinned one superseded. */
export interface Reconciled {
  outcome: CopilotOutcome;
  /** Index of the matched final line, or -1. */
  match: number;
}

/** The verdict for one item against the final lines of its kind (table-tested in copilot-reconciler.spec.ts). */
export function reconcileItem(
  item: Pick<CopilotItemRow, 'text' | 'state'>,
  finals: readonly string[],
): Reconciled {
  const match = bestMatch(item.text, finals);
  if (match >= 0) return { outcome: 'matched', match };
  return { outcome: item.state === 'pinned' ? 'added' : 'superseded', match: -1 };
}

const SECTIONS = { decision: 'decisions', question: 'questions', risk: 'risks' } as const satisfies Partial<
  Record<CopilotKind, keyof SummaryData>
>;
const SUMMARY_KINDS = Object.keys(SECTIONS) as (keyof typeof SECTIONS)[];

/**
 * At finalization, the copilot's provisional items meet the pipeline's final insights: an item
 * that matches a final task or summary line is linked to it (no duplicate), a pinned one without a
 * match becomes a task or a summary line (pinned items are kept), the rest is superseded. Closing
 * the session's copilot first means no scan finishing late adds an item after this.
 */
@Injectable()
export class CopilotReconciler implements ProvisionalInsights, OnModuleInit {
  constructor(
    private readonly repo: CopilotRepository,
    private readonly port: ProvisionalInsightsPort,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  async reconcileTasks(session: Session): Promise<Record<string, number>> {
    await this.repo.close(session.id);
    const items = await this.repo.forReconciliation(session.workspaceId, session.id, ['action_item']);
    if (items.length === 0) return {};
    const tasks = await this.repo.tasksOf(session.workspaceId, session.id);
    const resolutions: Resolution[] = [];
    for (const item of items) {
      const { outcome, match } = reconcileItem(
        item,
        tasks.map((t) => t.title),
      );
      let taskId = match >= 0 ? tasks[match].id : null;
      if (outcome === 'added') {
        taskId = await this.repo.addTask(session, item);
        // A second pinned item saying the same now matches this task instead of adding another.
        tasks.push({ id: taskId, title: item.text });
      }
      resolutions.push({ id: item.id, outcome, taskId });
    }
    await this.repo.resolve(resolutions);
    return counts(resolutions);
  }

  async reconcileSummary(session: Session, summary: SummaryData): Promise<SummaryData> {
    await this.repo.close(session.id);
    const items = await this.repo.forReconciliation(session.workspaceId, session.id, SUMMARY_KINDS);
    if (items.length === 0) return summary;
    const sections: Record<keyof typeof SECTIONS, SummaryItem[]> = {
      decision: [...summary.decisions],
      question: [...summary.questions],
      risk: [...summary.risks],
    };
    const resolutions: Resolution[] = [];
    for (const item of items) {
      const kind = item.kind as keyof typeof SECTIONS;
      const { outcome } = reconcileItem(
        item,
        sections[kind].map((line) => line.text),
      );
      if (outcome === 'added') sections[kind].push({ text: item.text, atMs: item.startMs });
      resolutions.push({ id: item.id, outcome, taskId: null });
    }
    await this.repo.resolve(resolutions);
    return { ...summary, decisions: sections.decision, questions: sections.question, risks: sections.risk };
  }
}

const counts = (resolutions: readonly Resolution[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of resolutions) out[r.outcome] = (out[r.outcome] ?? 0) + 1;
  return out;
};
