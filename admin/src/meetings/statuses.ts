import type { MeetingStatus } from '../types';

export const MEETING_STATUSES: readonly MeetingStatus[] = [
  'draft',
  'scheduled',
  'live',
  'completed',
  'cancelled',
];
export const meetingStatusChoices = MEETING_STATUSES.map((id) => ({ id, name: `mina.status.${id}` }));
