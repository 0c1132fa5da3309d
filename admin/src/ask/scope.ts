import type { AskScope } from '@mina/contract/ask';

/** What the scope controls hold: one target (the workspace, a meeting or a session), dates as yyyy-mm-dd, a speaker. */
export interface ScopeDraft {
  target: 'workspace' | 'meeting' | 'session';
  meetingId: string;
  sessionId: string;
  from: string;
  to: string;
  speaker: string;
}

export const WORKSPACE_SCOPE: ScopeDraft = {
  target: 'workspace',
  meetingId: '',
  sessionId: '',
  from: '',
  to: '',
  speaker: '',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The scope an entry point asks for: `/ask?sessionId=…` (the session page) or `/ask?meetingId=…` (the meeting page). */
export function scopeFromParams(params: URLSearchParams): ScopeDraft {
  const sessionId = params.get('sessionId')?.trim() ?? '';
  const meetingId = params.get('meetingId')?.trim() ?? '';
  const date = (key: string) => {
    const value = params.get(key)?.trim() ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    target: sessionId ? 'session' : meetingId ? 'meeting' : 'workspace',
    sessionId,
    meetingId: sessionId ? '' : meetingId,
    from: date('from'),
    to: date('to'),
    speaker: params.get('speaker')?.trim() ?? '',
  };
}

/** A local calendar day's first or last millisecond, as the API's ISO date-time. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!DATE.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const at = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The fields POST /api/ask takes for this scope; empty ones are left out. */
export function toAskScope(draft: ScopeDraft): AskScope {
  const scope: AskScope = {};
  if (draft.target === 'session' && draft.sessionId) scope.sessionId = draft.sessionId;
  if (draft.target === 'meeting' && draft.meetingId) scope.meetingId = draft.meetingId;
  const from = dayBound(draft.from, false);
  const to = dayBound(draft.to, true);
  if (from) scope.from = from;
  if (to) scope.to = to;
  const speaker = draft.speaker.trim();
  if (speaker) scope.speaker = speaker;
  return scope;
}

/** A problem the form shows before sending, as an i18n key; null when the scope can be sent. */
export function scopeProblem(draft: ScopeDraft): string | null {
  if (draft.target === 'meeting' && !draft.meetingId) return 'mina.ask.scope.pick_meeting';
  if (draft.target === 'session' && !draft.sessionId) return 'mina.ask.scope.pick_session';
  if (draft.from && draft.to && draft.from > draft.to) return 'mina.ask.scope.dates_reversed';
  return null;
}
