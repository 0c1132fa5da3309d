import type { AnalyticsView, InsightsView, StageView, SummaryView } from '#src/pipeline/insights/insights.service.js';
import type { ImportedSegment } from '#src/recordings/import/transcript-parser.js';
import type { SessionView } from '#src/sessions/sessions.service.js';
import type { TaskView } from '#src/tasks/tasks.service.js';
import { languageName } from '@mina/contract/translation';

/** Bumped when a field changes meaning; `POST /api/sessions/import` reads `segments` of every version. */
export const MINA_EXPORT_VERSION = 1 as const;

/**
 * One line of the transcript as exported: exactly what the JSON import reads back
 * (`ImportedSegment`), with the speaker already renamed and the refined text where there is one.
 */
export type ExportSegment = ImportedSegment;

/** A section the session lacks, said in words instead of left blank. */
export interface Absence {
  part: 'transcript' | 'summary' | 'tasks' | 'analytics' | 'session';
  message: string;
}

export interface ExportTask {
  title: string;
  owner: string | null;
  dueDate: string | null;
  status: TaskView['status'];
  priority: TaskView['priority'];
  atMs: number | null;
}

export interface ExportSession {
  id: string;
  title: string;
  status: SessionView['status'];
  source: SessionView['source'];
  language: string | null;
  startedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  durationMs: number | null;
  /** Display names, renames applied, in order of first words. */
  speakers: string[];
  summary: Omit<SummaryView, 'updatedAt' | 'model' | 'provider' | 'language' | 'requestedLanguage'> & { model: string | null } | null;
  tasks: ExportTask[];
  analytics: Omit<AnalyticsView, 'updatedAt'> | null;
  /** What is missing and why: rendered by every format where the part would be. */
  absences: Absence[];
  segments: ExportSegment[];
}

/** The JSON format: versioned, and importable as it is (`segments` at the top level for a session). */
export interface MinaSessionExport extends ExportSession {
  mina: 'session-export';
  version: typeof MINA_EXPORT_VERSION;
  exportedAt: string;
}

export interface MinaMeetingExport {
  mina: 'meeting-export';
  version: typeof MINA_EXPORT_VERSION;
  exportedAt: string;
  id: string;
  title: string;
  scheduledStart: string | null;
  participants: string[];
  sessions: ExportSession[];
}

/** What the renderers draw: a session alone, or a meeting with its sessions in order. */
export interface ExportDocument {
  kind: 'session' | 'meeting';
  title: string;
  /** ISO 8601: when it took place (started, scheduled, else created). */
  date: string;
  participants: string[];
  sessions: ExportSession[];
  meeting?: { id: string; scheduledStart: string | null };
}

const STILL_RUNNING: ReadonlySet<SessionView['status']> = new Set(['pending', 'uploading', 'queued', 'recording', 'transcribing', 'processing']);

function stageAbsence(stage: StageView, what: string, status: SessionView['status']): string {
  if (stage.status === 'failed') return `The ${what} could not be generated${stage.error ? `: ${stage.error}` : ''}.`;
  if (stage.status === 'skipped') return `The ${what} was not generated${stage.reason === 'NO_ASR' ? ': the audio was not transcribed' : stage.reason ? ` (${stage.reason})` : ''}.`;
  if (STILL_RUNNING.has(status) || stage.status === 'pending' || stage.status === 'running') return `The ${what} is not generated yet: the session is ${status}.`;
  return `No ${what} was generated.`;
}

/** The owner people know: the assigned member's name, else the name the extraction heard. */
const ownerOf = (t: TaskView, memberNames: ReadonlyMap<string, string>): string | null =>
  (t.assignedToId ? memberNames.get(t.assignedToId) : undefined) ?? t.assigneeName ?? (t.assignedToId ? 'a former member' : null);

/** Builds the export of one session from what the session page shows (the session and its insights). */
export function toExportSession(session: SessionView, insights: InsightsView, memberNames: ReadonlyMap<string, string> = new Map()): ExportSession {
  const absences: Absence[] = [];
  if (STILL_RUNNING.has(session.status)) absences.push({ part: 'session', message: `This session is still ${session.status}: what follows is what it holds so far.` });
  if (session.status === 'error') absences.push({ part: 'session', message: `This session ended in error${session.error ? `: ${session.error.message}` : ''}.` });

  const segments: ExportSegment[] = insights.transcript.map((s) => ({
    startMs: s.startMs,
    endMs: s.endMs,
    speaker: s.speaker,
    text: s.refinedText?.trim() ? s.refinedText : s.text,
  }));
  if (segments.length === 0) {
    const t = insights.transcription ?? session.transcription;
    absences.push({
      part: 'transcript',
      message:
        t?.state === 'not_transcribed'
          ? `No transcript: the audio (${formatDuration(t.untranscribedAudioMs ?? 0)}) was kept but not transcribed${t.reason === 'NO_ASR' ? ' because no speech recognizer was configured' : ''}.`
          : STILL_RUNNING.has(session.status)
            ? `No transcript yet: the session is ${session.status}.`
            : 'No transcript: nothing was transcribed in this session, or its transcript was deleted.',
    });
  } else if (insights.stages.refinement.status !== 'ready') {
    absences.push({ part: 'transcript', message: 'The transcript is the raw speech recognition: it was not refined.' });
  }

  const s = insights.summary;
  if (!s) absences.push({ part: 'summary', message: stageAbsence(insights.stages.summary, 'summary', session.status) });
  else if (s.fallbackUsed) absences.push({ part: 'summary', message: 'The AI model was unavailable: this summary was made by the simple local fallback.' });
  if (s && s.requestedLanguage && s.language !== s.requestedLanguage)
    absences.push({ part: 'summary', message: `The summary is in the meeting's own language: the workspace asks for ${languageName(s.requestedLanguage)}, which needs the AI model.` });
  if (insights.tasks.length === 0)
    absences.push({ part: 'tasks', message: insights.stages.tasks.status === 'ready' ? 'No action items were found.' : stageAbsence(insights.stages.tasks, 'action items', session.status) });
  if (!insights.analytics) absences.push({ part: 'analytics', message: stageAbsence(insights.stages.analytics, 'analytics', session.status) });

  const speakers = [...new Set(segments.map((x) => x.speaker).filter((x): x is string => Boolean(x)))];
  return {
    id: session.id,
    title: session.title?.trim() || 'Untitled session',
    status: session.status,
    source: session.source,
    language: session.language,
    startedAt: iso(session.startedAt),
    endedAt: iso(session.endedAt),
    createdAt: iso(session.createdAt)!,
    durationMs: session.durationMs,
    speakers,
    summary: s
      ? { overview: s.overview, keyPoints: s.keyPoints, decisions: s.decisions, risks: s.risks, questions: s.questions, template: s.template, sections: s.sections, model: s.model, fallbackUsed: s.fallbackUsed }
      : null,
    tasks: insights.tasks.map((t) => ({ title: t.title, owner: ownerOf(t, memberNames), dueDate: t.dueDate, status: t.status, priority: t.priority, atMs: t.sourceStartMs })),
    analytics: insights.analytics ? withoutUpdatedAt(insights.analytics) : null,
    absences,
    segments,
  };
}

function withoutUpdatedAt(a: AnalyticsView): Omit<AnalyticsView, 'updatedAt'> {
  const { updatedAt: _updated, ...rest } = a;
  return rest;
}

function iso(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  return typeof d === 'string' ? d : d.toISOString();
}

export function sessionDocument(s: ExportSession): ExportDocument {
  return { kind: 'session', title: s.title, date: s.startedAt ?? s.createdAt, participants: s.speakers, sessions: [s] };
}

export const absencesOf = (s: ExportSession, part: Absence['part']): string[] => s.absences.filter((a) => a.part === part).map((a) => a.message);

/** `1:02:03` or `2:03`: durations and transcript times in the readable formats. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${minutes % 60} min` : `${minutes} min`;
}

/** The date as people read it, in UTC (the export has no viewer's time zone). */
export function formatDate(isoDate: string | null): string {
  if (!isoDate) return 'unknown date';
  const d = new Date(isoDate);
  return Number.isNaN(d.getTime()) ? 'unknown date' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A meeting with no session: every document format says so instead of ending after its header. */
export const documentNotes = (doc: ExportDocument): string[] =>
  doc.kind === 'meeting' && doc.sessions.length === 0 ? ['Nothing was recorded or imported for this meeting: it has no session.'] : [];

/**
 * The summary's lists under the headings every document format uses, in the order the session page
 * shows them: a template's own sections first (one it could not write says why), then the standard ones.
 */
export const summarySections = (summary: NonNullable<ExportSession['summary']>): [string, SummaryView['decisions']][] => [
  ...(summary.template && summary.template.id !== 'standard'
    ? summary.sections.map((x): [string, SummaryView['decisions']] => [x.title, x.unavailable ? [{ text: x.unavailable }] : x.items])
    : []),
  ['Key points', summary.keyPoints],
  ['Decisions', summary.decisions],
  ['Risks', summary.risks],
  ['Open questions', summary.questions],
];

/** The line under a session's heading: the session alone says its duration, a meeting's session its date and state too. */
export function sessionLine(doc: ExportDocument, s: ExportSession): string {
  const duration = s.durationMs === null ? null : formatDuration(s.durationMs);
  return doc.kind === 'meeting' ? `${formatDate(s.startedAt ?? s.createdAt)} · ${duration ?? 'duration unknown'} · ${s.status}` : `Duration: ${duration ?? 'unknown'}`;
}
