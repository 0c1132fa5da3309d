import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { dateFilter, isoColumn, selectPage, SqlWhere, type SqlPage, stringsFilter, uuidFilter } from '../common/sql-list.js';
import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { Meeting } from './entities/meeting.entity.js';
import { Participant } from './entities/participant.entity.js';
import type { MeetingView } from './meetings.service.js';

const SORT_COLUMN: Record<string, string> = {
  createdAt: 'created_at', title: 'title', status: 'status', scheduledStart: 'scheduled_start', updatedAt: 'updated_at', id: 'id',
};
const MEETING_COLUMNS = [
  'id', 'title', 'description', 'status', isoColumn('scheduled_start', 'scheduledStart'), isoColumn('scheduled_end', 'scheduledEnd'),
  'organizer_id as "organizerId"', 'session_id as "sessionId"', isoColumn('created_at', 'createdAt'), isoColumn('updated_at', 'updatedAt'),
  'legal_hold as "legalHold"', 'legal_hold_reason as "legalHoldReason"', isoColumn('legal_hold_at', 'legalHoldAt'), 'legal_hold_by_id as "legalHoldBy"', 'template_id as "templateId"',
  `coalesce(people.list, '[]') as participants`,
].join(', ');
/** Participants of the page's meetings, aggregated per meeting (one join for the whole page). */
const PARTICIPANTS = {
  ctes: `people as (select p.meeting_id, json_agg(json_build_object('userId', p.user_id, 'name', u.name, 'email', u.email, 'role', p.role,
    'status', p.status) order by p.created_at, p.id) as list from participant p join "user" u on u.id = p.user_id
    where p.meeting_id in (select id from page) group by p.meeting_id)`,
  join: 'left join people on people.meeting_id = page.id',
};

/** Every query takes the workspace: a meeting of another tenant is simply not found. */
@Injectable()
export class MeetingsRepository {
  static readonly sortable = Object.keys(SORT_COLUMN);

  constructor(private readonly em: EntityManager) {}

  /** A page of plain rows (no entities), each meeting with its participants, in one statement. */
  list(workspaceId: string, query: ListQuery): Promise<ListResult<MeetingView>> {
    return selectPage<MeetingView>(this.em, MeetingsRepository.page(workspaceId, query), query);
  }

  /** The list's SQL for a workspace and the caller's filter (pure: the benchmark's floor runs it). */
  static page(workspaceId: string, query: ListQuery): SqlPage {
    const where = new SqlWhere('workspace_id', workspaceId);
    const f = query.filter;
    if (f.id !== undefined) where.in('id', uuidFilter('id', f.id, true));
    if (f.status !== undefined) where.in('status', stringsFilter('status', f.status));
    if (f.organizerId !== undefined) where.eq('organizer_id', uuidFilter('organizerId', f.organizerId));
    if (typeof f.q === 'string' && f.q.trim()) where.contains('title', f.q.trim());
    if (typeof f.scheduledAfter === 'string') where.compare('scheduled_start', '>=', dateFilter('scheduledAfter', f.scheduledAfter));
    return { table: 'meeting', columns: MEETING_COLUMNS, where, orderBy: SORT_COLUMN[query.sort.field] ?? 'created_at', related: PARTICIPANTS };
  }

  findOne(workspaceId: string, id: string): Promise<Meeting | null> {
    return this.em.findOne(Meeting, { id, workspace: workspaceId }, { populate: ['participants', 'participants.user'] });
  }

  create(workspaceId: string, organizerId: string, data: Partial<Meeting>): Meeting {
    return this.em.create(Meeting, {
      ...data,
      title: data.title!,
      workspace: this.em.getReference(Workspace, workspaceId),
      organizer: this.em.getReference(User, organizerId),
    });
  }

  addParticipant(meeting: Meeting, userId: string, data: Pick<Participant, 'role' | 'status'>): Participant {
    const participant = this.em.create(Participant, { meeting, user: this.em.getReference(User, userId), ...data });
    meeting.participants.add(participant);
    return participant;
  }

  remove(meeting: Meeting): void {
    this.em.remove(meeting);
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
