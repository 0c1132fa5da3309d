import { Injectable } from '@nestjs/common';
import type { CopilotItemState, CopilotItemView, CopilotKind } from '@mina/contract/copilot';
import { assertCan } from '#src/authz/assert-can.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { MinaException, notFound } from '#src/common/mina.exception.js';
import type { MarkerType } from '#src/sessions/entities/marker.entity.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { toCopilotView } from './copilot-views.js';
import { CopilotRepository, type CopilotItemRow } from './copilot.repository.js';

const MARKER_TYPE: Record<CopilotKind, MarkerType> = {
  action_item: 'todo',
  decision: 'decision',
  question: 'question',
  risk: 'risk',
};

/** The copilot items of a session over REST: list, pin (a marker at the item's time), dismiss. */
@Injectable()
export class CopilotService {
  constructor(
    private readonly repo: CopilotRepository,
    private readonly sessions: SessionsRepository,
    private readonly markers: SessionsService,
  ) {}

  async list(tenant: TenantContext, sessionId: string): Promise<CopilotItemView[]> {
    await this.session(tenant, sessionId);
    return (await this.repo.list(tenant.workspaceId, sessionId)).map(toCopilotView);
  }

  async pin(tenant: TenantContext, sessionId: string, itemId: string): Promise<CopilotItemView> {
    const item = await this.openItem(tenant, sessionId, itemId, 'pinned');
    const marker = await this.markers.createMarker(tenant, {
      sessionId,
      type: MARKER_TYPE[item.kind],
      content: item.text,
      atMs: item.startMs,
    });
    const pinned = await this.repo.transition(tenant.workspaceId, sessionId, itemId, 'pinned', marker.id);
    if (!pinned) {
      // Pinned, dismissed or reconciled by someone else meanwhile: the marker goes with the refusal.
      await this.markers.removeMarker(tenant, marker.id);
      throw await this.refusal(tenant, sessionId, itemId, 'pinned');
    }
    return toCopilotView(pinned);
  }

  async dismiss(tenant: TenantContext, sessionId: string, itemId: string): Promise<CopilotItemView> {
    await this.openItem(tenant, sessionId, itemId, 'dismissed');
    const dismissed = await this.repo.transition(tenant.workspaceId, sessionId, itemId, 'dismissed', null);
    if (!dismissed) throw await this.refusal(tenant, sessionId, itemId, 'dismissed');
    return toCopilotView(dismissed);
  }

  /** The item, when the caller may edit the session and the item can still move to `to`. */
  private async openItem(
    tenant: TenantContext,
    sessionId: string,
    itemId: string,
    to: CopilotItemState,
  ): Promise<CopilotItemRow> {
    const session = await this.session(tenant, sessionId);
    assertCan(tenant.ability, 'update', 'Session', { userId: session.user.id });
    const item = await this.repo.find(tenant.workspaceId, sessionId, itemId);
    if (!item) throw notFound('Copilot item');
    if (item.state !== 'open' || (await this.repo.closed(sessionId)))
      throw await this.refusal(tenant, sessionId, itemId, to);
    return item;
  }

  private async refusal(
    tenant: TenantContext,
    sessionId: string,
    itemId: string,
    to: CopilotItemState,
  ): Promise<MinaException> {
    const item = await this.repo.find(tenant.workspaceId, sessionId, itemId);
    if (!item) return notFound('Copilot item');
    if (item.state !== 'open')
      return new MinaException(
        'INVALID_TRANSITION',
        `The item is ${item.state} already; only open items can be ${to}`,
        { from: item.state, to },
      );
    return new MinaException(
      'INVALID_TRANSITION',
      'The session was finalized: its copilot items are reconciled and can no longer change',
      { from: item.state, to, reason: 'RECONCILED' },
    );
  }

  private async session(tenant: TenantContext, sessionId: string) {
    const session = await this.sessions.findOne(tenant.workspaceId, sessionId);
    if (!session) throw notFound('Session');
    return session;
  }
}
