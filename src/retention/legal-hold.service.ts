import { Injectable } from '@nestjs/common';
import { AuditService } from '#src/audit/audit.service.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { notFound } from '#src/common/mina.exception.js';
import { ContentRetentionRepository, type HoldRow } from './content-retention.repository.js';
import type { LegalHoldDto } from './retention.dto.js';

/** The hold as the meeting view shows it. */
export interface LegalHoldView {
  meetingId: string;
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldAt: string | null;
  legalHoldBy: string | null;
}

const toView = (row: HoldRow): LegalHoldView => ({
  meetingId: row.id,
  legalHold: row.legal_hold,
  legalHoldReason: row.legal_hold_reason,
  legalHoldAt: row.legal_hold_at === null ? null : new Date(row.legal_hold_at).toISOString(),
  legalHoldBy: row.legal_hold_by_id,
});

/**
 * Legal hold on a meeting: while it lasts, no retention run deletes anything of the meeting's
 * sessions (transcripts, tasks, audio) and the meeting cannot be deleted. Only a meeting can be
 * held: a session belongs to the matter through its meeting.
 */
@Injectable()
export class LegalHoldService {
  constructor(
    private readonly repo: ContentRetentionRepository,
    private readonly audit: AuditService,
  ) {}

  async set(tenant: TenantContext, meetingId: string, dto: LegalHoldDto, ip?: string): Promise<LegalHoldView> {
    const before = await this.repo.hold(tenant.workspaceId, meetingId);
    if (!before) throw notFound('Meeting');
    const reason = dto.reason?.trim() || null;
    const row = await this.repo.setHold(tenant.workspaceId, meetingId, dto.hold ? { reason, at: new Date(), by: tenant.userId } : null);
    if (!row) throw notFound('Meeting');
    await this.audit.record({
      actorId: tenant.userId,
      action: dto.hold ? 'meeting.legal_hold' : 'meeting.legal_hold_released',
      target: `meeting:${meetingId}`,
      workspaceId: tenant.workspaceId,
      ip,
      data: { reason, wasHeld: before.legal_hold, previousReason: before.legal_hold_reason },
    });
    return toView(row);
  }
}
