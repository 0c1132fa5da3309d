import { Inject, Injectable } from '@nestjs/common';
import { assertCan } from '../authz/assert-can.js';
import type { TenantContext } from '../authz/tenant.js';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException, notFound, quotaExceeded } from '../common/mina.exception.js';
import { MINA_CONFIG } from '../config/config.module.js';
import type { MinaConfig } from '../config/config.js';
import { acceptRepresentation } from '../common/read-only.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { TemplatesService } from '../templates/templates.service.js';
import type { CreateMeetingDto, ParticipantDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import { Meeting } from './entities/meeting.entity.js';
import { MeetingsRepository } from './meetings.repository.js';
import type * as Views from '@mina/contract/views';

export type MeetingView = Views.MeetingView;

export const toMeetingView = (m: Meeting): MeetingView => ({
  id: m.id,
  title: m.title,
  description: m.description ?? null,
  status: m.status,
  scheduledStart: m.scheduledStart?.toISOString() ?? null,
  scheduledEnd: m.scheduledEnd?.toISOString() ?? null,
  organizerId: m.organizer.id,
  sessionId: m.session?.id ?? null,
  participants: m.participants.isInitialized()
    ? m.participants.getItems().map((p) => ({ userId: p.user.id, name: p.user.name, email: p.user.email, role: p.role, status: p.status }))
    : [],
  legalHold: m.legalHold,
  legalHoldReason: m.legalHoldReason ?? null,
  legalHoldAt: m.legalHoldAt?.toISOString() ?? null,
  legalHoldBy: m.legalHoldBy?.id ?? null,
  templateId: m.templateId ?? null,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

@Injectable()
export class MeetingsService {
  constructor(
    private readonly repo: MeetingsRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly templates: TemplatesService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async list(tenant: TenantContext, query: ListQuery): Promise<ListResult<MeetingView>> {
    return this.repo.list(tenant.workspaceId, query);
  }

  async get(tenant: TenantContext, id: string): Promise<MeetingView> {
    return toMeetingView(await this.load(tenant, id));
  }

  private async load(tenant: TenantContext, id: string): Promise<Meeting> {
    const meeting = await this.repo.findOne(tenant.workspaceId, id);
    if (!meeting) throw notFound('Meeting');
    return meeting;
  }

  async create(tenant: TenantContext, dto: CreateMeetingDto): Promise<MeetingView> {
    const start = dto.scheduledStart ? new Date(dto.scheduledStart) : undefined;
    const end = dto.scheduledEnd ? new Date(dto.scheduledEnd) : undefined;
    assertTimes(start, end);
    if (dto.templateId) await this.templates.assertExists(tenant.workspaceId, dto.templateId, 'templateId');
    const meeting = this.repo.create(tenant.workspaceId, tenant.userId, {
      title: dto.title.trim(),
      description: dto.description,
      status: dto.status ?? (start ? 'scheduled' : 'draft'),
      scheduledStart: start,
      scheduledEnd: end,
      templateId: dto.templateId || null,
    });
    await this.setParticipants(tenant, meeting, dto.participants ?? []);
    await this.repo.flush();
    return this.get(tenant, meeting.id);
  }

  async update(tenant: TenantContext, id: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    const meeting = await this.load(tenant, id);
    assertCan(tenant.ability, 'update', 'Meeting', { organizerId: meeting.organizer.id });
    const view = toMeetingView(meeting);
    acceptRepresentation(dto, view);
    // A participant's name and email are the user's: checked against the meeting as read, ignored for a newcomer.
    for (const p of dto.participants ?? []) acceptRepresentation(p, view.participants.find((x) => x.userId === p.userId) ?? p);
    if (dto.title !== undefined) meeting.title = dto.title.trim();
    if (dto.description !== undefined) meeting.description = dto.description;
    if (dto.status !== undefined) meeting.status = dto.status;
    // null (as a GET shows an unscheduled meeting) clears the time; new Date(null) would be 1970.
    if (dto.scheduledStart !== undefined) meeting.scheduledStart = dto.scheduledStart === null ? undefined : new Date(dto.scheduledStart);
    if (dto.scheduledEnd !== undefined) meeting.scheduledEnd = dto.scheduledEnd === null ? undefined : new Date(dto.scheduledEnd);
    assertTimes(meeting.scheduledStart, meeting.scheduledEnd);
    if (dto.participants !== undefined) await this.setParticipants(tenant, meeting, dto.participants);
    if (dto.templateId !== undefined && dto.templateId !== meeting.templateId) {
      if (dto.templateId) await this.templates.assertExists(tenant.workspaceId, dto.templateId, 'templateId');
      meeting.templateId = dto.templateId || null;
    }
    await this.repo.flush();
    return toMeetingView(meeting);
  }

  async remove(tenant: TenantContext, id: string): Promise<void> {
    const meeting = await this.load(tenant, id);
    assertCan(tenant.ability, 'delete', 'Meeting', { organizerId: meeting.organizer.id });
    if (meeting.legalHold) throw new MinaException('LEGAL_HOLD', 'This meeting is under legal hold; release the hold before deleting it');
    this.repo.remove(meeting);
    await this.repo.flush();
  }

  /** Participants must be members of the workspace; the list replaces what was there. */
  private async setParticipants(tenant: TenantContext, meeting: Meeting, participants: ParticipantDto[]): Promise<void> {
    const limit = this.config.limits.participantsPerMeeting;
    if (participants.length > limit) throw quotaExceeded('participantsPerMeeting', limit, `A meeting has at most ${limit} participants`);
    const ids = new Set(participants.map((p) => p.userId));
    if (ids.size !== participants.length) throw new MinaException('VALIDATION_FAILED', 'participants lists a user twice');
    const members = new Set((await this.workspaces.memberDirectory(tenant.workspaceId)).map((m) => m.userId));
    const outsider = participants.find((p) => !members.has(p.userId));
    if (outsider) throw new MinaException('VALIDATION_FAILED', `participant ${outsider.userId} is not a member of this workspace`);
    const existing = new Map(meeting.participants.isInitialized() ? meeting.participants.getItems().map((p) => [p.user.id, p]) : []);
    for (const [userId, participant] of existing) if (!ids.has(userId)) meeting.participants.remove(participant);
    for (const p of participants) {
      const current = existing.get(p.userId);
      if (current) {
        if (p.role) current.role = p.role;
        if (p.status) current.status = p.status;
      } else {
        this.repo.addParticipant(meeting, p.userId, { role: p.role ?? 'attendee', status: p.status ?? 'invited' });
      }
    }
  }
}

function assertTimes(start?: Date, end?: Date): void {
  if (start && end && end.getTime() < start.getTime()) {
    throw new MinaException('VALIDATION_FAILED', 'scheduledEnd must not be before scheduledStart');
  }
}
