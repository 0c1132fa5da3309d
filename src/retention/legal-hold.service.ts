import { Injectable } from '@nestjs/common';
import { AuditService } from '#src/audit/audit.service.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { notFound } from '#src/common/mina.exception.js';
import { ContentRetentionRepository, type HoldRow, type HoldTarget } from './content-retention.repository.js';
import type { LegalHoldDto } from './retention.dto.js';
import type { LegalHoldView } from '@mina/contract/retention';

const toView = (row: HoldRow): LegalHoldView => ({
  id: row.id,
  legalHold: row.legal_hold,
  legalHoldReason: row.legal_hold_reason,
  legalHoldAt: row.legal_hold_at === null ? null : new Date(row.legal_hold_at).toISOString(),
  legalHoldBy: row.legal_hold_by_id,
});

/**
 * Legal hold: while it lasts, no retention run deletes anything (transcripts, tasks, audio) of
 * the held meeting's sessions, and the meeting cannot be deleted. A session is held on its own
 * too, because many have no meeting (uploads, imports, live sessions started without one) and
 * cannot be given one afterwards.
 */
@Injectable()
export class LegalHoldService {
  constructor(
    private readonly repo: ContentRetentionRepository,
    private readonly audit: AuditService,
  ) {}

  async set(tenant: TenantContext, target: HoldTarget, id: string, dto: LegalHoldDto, ip?: string): Promise<LegalHoldView> {
    const what = target === 'meeting' ? 'Meeting' : 'Session';
    const before = await this.repo.hold(target, tenant.workspaceId, id);
    if (!before) throw notFound(what);
    const reason = dto.reason?.trim() || null;
    const row = await this.repo.setHold(target, tenant.workspaceId, id, dto.hold ? { reason, at: new Date(), by: tenant.userId } : null);
    if (!row) throw notFound(what);
    await this.audit.record({
      actorId: tenant.userId,
      action: dto.hold ? `${target}.legal_hold` : `${target}.legal_hold_released`,
      target: `${target}:${id}`,
      workspaceId: tenant.workspaceId,
      ip,
      data: { reason, wasHeld: before.legal_hold, previousReason: before.legal_hold_reason },
    });
    return toView(row);
  }
}
