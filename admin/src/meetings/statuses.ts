import { MEETING_STATUSES } from '@mina/contract/records';

export const meetingStatusChoices = MEETING_STATUSES.map((id) => ({ id, name: `mina.status.${id}` }));
