import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { escapeLike } from '../workspaces/workspaces.repository.js';
import { Meeting } from './entities/meeting.entity.js';
import { Participant } from './entities/participant.entity.js';

const SORT: Record<string, string> = {
  createdAt: 'createdAt', title: 'title', status: 'status', scheduledStart: 'scheduledStart', updatedAt: 'updatedAt', id: 'id',
};

/** Every query takes the workspace: a meeting of another tenant is simply not found. */
@Injectable()
export class MeetingsRepository {
  static readonly sortable = Object.keys(SORT);

  constructor(private readonly em: EntityManager) {}

  async list(workspaceId: string, query: ListQuery): Promise<ListResult<Meeting>> {
    const where: FilterQuery<Meeting> = { workspace: workspaceId };
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    if (typeof f.status === 'string' || Array.isArray(f.status)) Object.assign(where, { status: Array.isArray(f.status) ? { $in: f.status } : f.status });
    if (typeof f.organizerId === 'string') Object.assign(where, { organizer: f.organizerId });
    if (typeof f.q === 'string' && f.q.trim()) Object.assign(where, { title: { $ilike: `%${escapeLike(f.q.trim())}%` } });
    if (typeof f.scheduledAfter === 'string') Object.assign(where, { scheduledStart: { $gte: new Date(f.scheduledAfter) } });
    const [items, total] = await this.em.findAndCount(Meeting, where, {
      populate: ['participants', 'participants.user'],
      orderBy: { [SORT[query.sort.field] ?? 'createdAt']: query.sort.order, id: query.sort.order },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
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
