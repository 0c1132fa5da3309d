/**
 * What the summary stage needs of a summary template: its sections, each either asked of the
 * model or taken from the standard fields every summary has (overview, key points, decisions,
 * risks, questions), and what the local fallback may fill it with. The templates module defines
 * the templates; this is the shape the AI code reads.
 */
import type { SummarySectionView } from '@mina/contract/templates';
import type { ActionItem } from './fallback/action-items.js';
import type { LocalSummary } from './fallback/local-insights.js';
import type { SummaryItem } from './fallback/summary-item.js';

/** A standard summary field a section can be. */
export type StandardField = 'keyPoints' | 'decisions' | 'risks' | 'questions';

/** What the local rules can put in a section: a standard field, or the action items they find. */
export type FallbackSource = StandardField | 'actions';

export interface SummaryTemplateSection {
  key: string;
  title: string;
  instruction: string;
  /** The section is this standard field (the model is not asked for it twice). */
  field?: StandardField;
  /** Without the model, the section holds what this local rule finds; absent: not available without AI. */
  fallback?: FallbackSource;
}

export interface SummaryTemplate {
  id: string;
  name: string;
  sections: SummaryTemplateSection[];
}

/** A summary with its template's sections. */
export interface TemplatedSummary extends LocalSummary {
  template: { id: string; name: string };
  sections: SummarySectionView[];
}

/** The sections the model is asked for (the others are standard fields). */
export const askedSections = (template: SummaryTemplate): SummaryTemplateSection[] =>
  template.sections.filter((s) => !s.field);

export const NOT_AVAILABLE_WITHOUT_AI =
  'Not available without AI: the local rules cannot write this section.';

/** The action items the local rules found, as section items. */
const actionItems = (tasks: readonly ActionItem[]): SummaryItem[] =>
  tasks.map((t) => ({
    text: t.title,
    ...(t.assigneeName ? { speaker: t.assigneeName } : {}),
    atMs: t.sourceStartMs,
  }));

/**
 * The sections as the local fallback can fill them: standard fields and action items from its
 * rules, every other section marked unavailable (never invented).
 */
export function fallbackSections(
  template: SummaryTemplate,
  summary: LocalSummary,
  tasks: readonly ActionItem[],
): SummarySectionView[] {
  return template.sections.map(({ key, title, field, fallback }) => {
    const source = field ?? fallback;
    if (!source) return { key, title, items: [], unavailable: NOT_AVAILABLE_WITHOUT_AI };
    return { key, title, items: source === 'actions' ? actionItems(tasks) : summary[source] };
  });
}
