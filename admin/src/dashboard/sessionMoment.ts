import type { Session } from '../types';

export type SessionMoment = 'created' | 'started' | 'ended';

/**
 * The time that belongs to a session's status: a recording one is as old as its start, a finalized
 * one as its end. Its creation time says nothing about either (the demo, an import or a session
 * made ahead of a meeting is created long before or after it records).
 */
export function sessionMoment(s: Pick<Session, 'status' | 'createdAt' | 'startedAt' | 'endedAt'>): { moment: SessionMoment; at: string } {
  switch (s.status) {
    case 'recording':
      return s.startedAt ? { moment: 'started', at: s.startedAt } : { moment: 'created', at: s.createdAt };
    case 'processing':
    case 'completed':
    case 'error':
      if (s.endedAt) return { moment: 'ended', at: s.endedAt };
      return s.startedAt ? { moment: 'started', at: s.startedAt } : { moment: 'created', at: s.createdAt };
    default:
      return { moment: 'created', at: s.createdAt };
  }
}
