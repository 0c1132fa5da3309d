import {
  ACCEPTANCE,
  AFTER_MEETING,
  COUNTERFACTUAL,
  FLOW_VERBS,
  HEDGED_LEAD,
  HYPOTHETICAL_LEAD,
  IN_ROOM,
  PAST_QUESTION,
  PRONOUN_TASK,
  RECEIVE_VERBS,
  RELATIVE_LEAD,
  STRONG_PHRASE,
  STRONG_VERBS,
  TRIGGERS,
  WH_QUESTION,
  type Trigger,
  type TriggerKind,
} from './action-rules.js';
import { findAddressee } from './addressee.js';
import { baseForm } from './base-form.js';
import { resolveDueDate } from './due-date.js';
import { dedupeActionItems } from './dedupe-action-items.js';
import { detectPriority, type TaskPriority } from './priority.js';
import type { Sentence } from './sentences.js';
import { speakerAliases, type SpeakerAlias } from './speaker-aliases.js';
import { isStopword } from './stopwords.js';
import { taskTitle } from './task-title.js';

export interface ActionItem {
  title: string;
  description: string;
  assigneeName: string | null;
  /** yyyy-mm-dd */
  dueDate: string | null;
  priority: TaskPriority;
  evidence: string;
  sourceStartMs: number;
  speaker: string | null;
}

export interface ActionItemOptions {
  meetingDate: Date;
  /** Diarization label → display name, so a spoken role or name resolves to the person. */
  speakerNames?: Readonly<Record<string, string>>;
}

interface Candidate extends ActionItem {
  score: number;
  kind: TriggerKind;
  /** Where the trigger sits in the sentence; one sentence can carry several tasks. */
  at: number;
}

const THRESHOLD = 0.55;
const TRAILING_VOCATIVE = /,\s*(?:\p{Lu}[\p{L}'-]*\s*){1,2}[?.!]*$/u;
// Minutes style: "Action item: Carol to book the venue".
const OWNER_FIRST = /^(\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*)?) (?:to|will|should|needs to|is going to) /u;
const WINDOW_MS = 30_000;
const DAY_MS = 86_400_000;
const ADVERBS = '(?:(?:just|also|all|always|still|then|probably|definitely|really|actually|hopefully)\\s+)*';
// "I'll be honest", "you'll be fine": a state, not an action ("be working on" is one).
const STATE = new RegExp(
  `^${ADVERBS}be\\s+(?!${ADVERBS}(?:\\w+ing\\b|sure to|able to|responsible|in charge))`,
  'i',
);

function thirdPartyTriggers(aliases: readonly SpeakerAlias[]): Trigger[] {
  const modal = `(?:will|'ll|is going to|'s going to|going to|needs to|has to|should|is to)`;
  const names = aliases.map((a) => a.alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const known: Trigger[] = names
    ? [
        {
          kind: 'named',
          base: 0.55,
          pattern: new RegExp(`\\b(?<who>${names})(?:\\s+[\\w']+){0,2}?\\s+${modal}\\s+(?<rest>.+)`, 'i'),
        },
      ]
    : [];
  // Unknown names need a capital and a strong verb to get through, so "Sales will grow" stays out.
  const proper: Trigger = {
    kind: 'named',
    base: 0.4,
    pattern: /\b(?<who>[A-Z][a-z]+)(?:'ll| will| is going to| needs to)\s+(?<rest>.+)/,
  };
  return [...known, proper];
}

function namedParty(who: string, aliases: readonly SpeakerAlias[]): string | null {
  const alias = aliases.find((a) => a.alias === who.toLowerCase());
  if (alias) return alias.name;
  return isStopword(who) || /(?:ly|ies)$/.test(who) ? null : who;
}

function context(sentences: readonly Sentence[], s: Sentence): string {
  const near = [sentences[s.index - 1], s, sentences[s.index + 1]].filter(
    (x): x is Sentence => x !== undefined && Math.abs(x.startMs - s.startMs) <= WINDOW_MS,
  );
  return near.map((x) => (x.speaker ? `${x.speaker}: ${x.text}` : x.text)).join('\n');
}

function acceptedBy(sentences: readonly Sentence[], s: Sentence): string | null {
  for (const next of sentences.slice(s.index + 1, s.index + 4)) {
    if (next.startMs - s.endMs > WINDOW_MS) break;
    if (next.speaker && next.speaker !== s.speaker && ACCEPTANCE.test(next.text)) return next.speaker;
  }
  return null;
}

function assigneeFor(
  kind: TriggerKind,
  s: Sentence,
  m: RegExpExecArray,
  ctx: Context,
): { name: string | null; explicit: boolean } | null {
  if (kind === 'self' || kind === 'self-obligation') return { name: s.speaker, explicit: false };
  if (kind === 'explicit') {
    const owner = OWNER_FIRST.exec(m.groups?.rest ?? '')?.[1];
    return { name: owner ? namedParty(owner, ctx.aliases) : null, explicit: owner !== undefined };
  }
  if (kind === 'named') {
    const name = namedParty(m.groups?.who ?? '', ctx.aliases);
    return name ? { name, explicit: false } : null;
  }
  if (kind !== 'request' && kind !== 'directive') return { name: null, explicit: false };
  const vocative = findAddressee(s, m.index, ctx.aliases);
  if (vocative) return { name: vocative, explicit: true };
  const inferred =
    ctx.speakers.length === 2
      ? (ctx.speakers.find((x) => x !== s.speaker) ?? null)
      : acceptedBy(ctx.sentences, s);
  return { name: inferred, explicit: false };
}

interface Context {
  sentences: readonly Sentence[];
  speakers: readonly string[];
  aliases: readonly SpeakerAlias[];
  meetingDay: number;
}

function evaluate(s: Sentence, trigger: Trigger, text: string, ctx: Context): Candidate | null {
  const m = trigger.pattern.exec(text);
  const rest = m?.groups?.rest ?? m?.groups?.restIng ?? m?.groups?.rest2;
  if (!m || rest === undefined) return null;
  const prefix = text.slice(0, m.index);
  if (HYPOTHETICAL_LEAD.test(prefix) || RELATIVE_LEAD.test(prefix)) return null;
  if (/^(?:not|never)\b/i.test(rest) || STATE.test(rest) || COUNTERFACTUAL.test(rest)) return null;

  const assignee = assigneeFor(trigger.kind, s, m, ctx);
  if (!assignee) return null;
  const due = resolveDueDate(rest, new Date(ctx.meetingDay));
  let task = (due ? rest.slice(0, due.start) + rest.slice(due.end) : rest).replace(/\s+([,.;!?])/g, '$1');
  if (trigger.kind === 'explicit') task = task.replace(OWNER_FIRST, '');
  if (assignee.explicit) task = task.replace(TRAILING_VOCATIVE, '');
  const title = taskTitle(task);
  if (!title) return null;
  const verb = baseForm(title.split(/\s+/)[0]).toLowerCase();

  const self = trigger.kind === 'self' || trigger.kind === 'self-obligation';
  let score = trigger.base;
  if (due) score += 0.3;
  if (STRONG_VERBS.has(verb) || STRONG_PHRASE.test(title)) score += 0.15;
  if (AFTER_MEETING.test(rest)) score += 0.2;
  if (assignee.name && !self && trigger.kind !== 'named') score += assignee.explicit ? 0.2 : 0.1;
  if (/\b(?:asap|urgent|important|critical|blocker|priority)\b/i.test(text)) score += 0.1;
  if (FLOW_VERBS.has(verb)) score -= 0.35;
  if (RECEIVE_VERBS.has(verb) && !self && !(trigger.kind === 'request' && verb === 'get')) score -= 0.4;
  if (IN_ROOM.test(rest.replace(AFTER_MEETING, ''))) score -= 0.25;
  if (/^just\b/i.test(rest)) score -= 0.15;
  if (/^(?:just\s+)?try (?:to|and)\b/i.test(rest)) score -= 0.1;
  if (HEDGED_LEAD.test(prefix)) score -= 0.1;
  if (text.endsWith('?') && trigger.kind !== 'request') score -= 0.2;

  return {
    title,
    description: context(ctx.sentences, s),
    assigneeName: assignee.name,
    dueDate: due?.date ?? null,
    priority: detectPriority(text, due ? (Date.parse(due.date) - ctx.meetingDay) / DAY_MS : null),
    evidence: s.text,
    sourceStartMs: s.startMs,
    speaker: s.speaker,
    score,
    kind: trigger.kind,
    at: m.index,
  };
}

/**
 * Rule-based action items: commitments ("I'll…"), requests ("can you…"), instructions ("you'll…"),
 * team obligations ("we need to…") and explicit markers ("action item:"), each scored by cues
 * (deadline, task verb, follow-up wording) against in-meeting chatter ("I'll go first").
 * Takes the whole output of splitSentences: neighbours give context, owners and acceptances.
 */
export function extractActionItems(sentences: readonly Sentence[], options: ActionItemOptions): ActionItem[] {
  const meetingDay = Date.UTC(
    options.meetingDate.getUTCFullYear(),
    options.meetingDate.getUTCMonth(),
    options.meetingDate.getUTCDate(),
  );
  const speakers = [...new Set(sentences.map((s) => s.speaker).filter((x): x is string => x !== null))];
  const aliases = speakerAliases(speakers, options.speakerNames);
  const triggers = [...TRIGGERS, ...thirdPartyTriggers(aliases)];
  const ctx: Context = { sentences, speakers, aliases, meetingDay };
  const scored: Candidate[] = [];

  for (const s of sentences) {
    const text = s.text
      .replace(/’/g, "'")
      .replace(/\bgonna\b/gi, 'going to')
      .replace(/\bgotta\b/gi, 'got to');
    if (PAST_QUESTION.test(text) || WH_QUESTION.test(text)) continue;
    const found = triggers
      .map((trigger) => evaluate(s, trigger, text, ctx))
      .filter((c): c is Candidate => c !== null)
      .sort((a, b) => b.score - a.score);
    for (const c of found.filter((x, i) => found.findIndex((y) => y.at === x.at) === i)) {
      // "Sure, I'll do it" names who takes the request before it rather than adding a task "Do it".
      if (PRONOUN_TASK.test(c.title)) {
        const asked = scored.findLast(
          (p) => p.kind !== 'self' && s.startMs - p.sourceStartMs <= WINDOW_MS && p.speaker !== s.speaker,
        );
        if (asked) {
          asked.assigneeName = s.speaker;
          asked.score += 0.3;
          asked.dueDate ??= c.dueDate;
        }
        continue;
      }
      scored.push(c);
    }
  }

  const kept = scored.filter((c) => c.score >= THRESHOLD);
  return dedupeActionItems(kept).map(
    ({ title, description, assigneeName, dueDate, priority, evidence, sourceStartMs, speaker }) => ({
      title,
      description,
      assigneeName,
      dueDate,
      priority,
      evidence,
      sourceStartMs,
      speaker,
    }),
  );
}
