export type TaskPriority = 'low' | 'medium' | 'high' | 'urgent';

export const PRIORITY_RANK: Record<TaskPriority, number> = { low: 0, medium: 1, high: 2, urgent: 3 };

// Low first: "not urgent" must not read as urgent.
const CUES: Array<[TaskPriority, RegExp]> = [
  [
    'low',
    /\b(?:no rush|no hurry|low priority|whenever|nice to have|if you (?:have|get) (?:the )?time|when you (?:get|have) a (?:chance|minute)|at some point|eventually|someday|not urgent)\b/i,
  ],
  [
    'urgent',
    /\b(?:asap|a\.s\.a\.p\.?|as soon as (?:possible|you can)|urgent(?:ly)?|immediately|right away|straight away|emergency|critical|blocker|blocking|top priority|highest priority|drop everything)\b/i,
  ],
  [
    'high',
    /\b(?:important|high priority|priority|crucial|essential|must|soon|key deliverable|time[- ]sensitive)\b/i,
  ],
];

/** Priority from cue words; a deadline within a day counts as high when nothing else is said. */
export function detectPriority(text: string, daysUntilDue?: number | null): TaskPriority {
  for (const [priority, cue] of CUES) if (cue.test(text)) return priority;
  if (daysUntilDue !== undefined && daysUntilDue !== null && daysUntilDue <= 1) return 'high';
  return 'medium';
}
