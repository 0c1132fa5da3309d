import { PRIORITY_RANK, type TaskPriority } from './priority.js';
import { contentTerms } from './tokenize.js';

interface Dedupable {
  title: string;
  assigneeName: string | null;
  dueDate: string | null;
  priority: TaskPriority;
}

const SAME_TASK = 0.6;

/** Shared terms over all terms of either (1 for two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Merges items that say the same thing (title terms overlap ≥ 60 % and the owners do not
 * conflict). The first mention stays; later ones fill its gaps and can only raise its priority.
 */
export function dedupeActionItems<T extends Dedupable>(items: readonly T[]): T[] {
  const kept: Array<{ item: T; terms: Set<string> }> = [];
  for (const item of items) {
    const terms = new Set(contentTerms(item.title));
    const twin = kept.find(
      (k) =>
        jaccard(k.terms, terms) >= SAME_TASK &&
        (k.item.assigneeName === null ||
          item.assigneeName === null ||
          k.item.assigneeName === item.assigneeName),
    );
    if (!twin) {
      kept.push({ item: { ...item }, terms });
      continue;
    }
    twin.item.assigneeName ??= item.assigneeName;
    twin.item.dueDate ??= item.dueDate;
    if (PRIORITY_RANK[item.priority] > PRIORITY_RANK[twin.item.priority]) twin.item.priority = item.priority;
  }
  return kept.map((k) => k.item);
}
