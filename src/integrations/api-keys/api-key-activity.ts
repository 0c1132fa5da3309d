import { Injectable, Logger } from '@nestjs/common';
import { TtlCache } from '#src/auth/ttl-cache.js';
import { AuditService } from '#src/audit/audit.service.js';
import { ApiKeysRepository } from './api-keys.repository.js';

/** At most one last-used write per key per minute, from all processes together. */
export const TOUCH_INTERVAL_MS = 60_000;
/** How long this process trusts that a (key, address) pair is already on record. */
const KNOWN_ADDRESS_MS = 10 * 60_000;

export interface KeyUse {
  keyId: string;
  userId: string;
  workspaceId: string;
  name: string;
  ip: string;
}

/**
 * Last-used time and address, and the audit line for a first use from a new address. Written
 * after the request has gone on (never awaited by authentication); a failed write is logged and
 * tried again on the key's next use.
 */
@Injectable()
export class ApiKeyActivity {
  private readonly logger = new Logger(ApiKeyActivity.name);
  private readonly touched = new TtlCache<true>(TOUCH_INTERVAL_MS);
  private readonly known = new TtlCache<true>(KNOWN_ADDRESS_MS);

  constructor(
    private readonly repo: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  seen(use: KeyUse): void {
    const now = new Date();
    const touch = this.touched.get(use.keyId) === undefined;
    const pair = `${use.keyId}|${use.ip}`;
    const address = this.known.get(pair) === undefined;
    if (!touch && !address) return;
    if (touch) this.touched.set(use.keyId, true);
    if (address) this.known.set(pair, true);
    setImmediate(() => {
      if (touch) {
        this.repo.touch(use.keyId, use.ip, now, new Date(now.getTime() - TOUCH_INTERVAL_MS)).catch((error: unknown) => {
          this.touched.delete(use.keyId);
          this.logger.warn(`Could not record the use of API key ${use.keyId}: ${String(error)}`);
        });
      }
      if (address) {
        this.newAddress(use, now).catch((error: unknown) => {
          this.known.delete(pair);
          this.logger.warn(`Could not record the address of API key ${use.keyId}: ${String(error)}`);
        });
      }
    });
  }

  private async newAddress(use: KeyUse, now: Date): Promise<void> {
    if (!(await this.repo.rememberAddress(use.keyId, use.ip, now))) return;
    await this.audit.record({
      actorId: use.userId,
      action: 'api_key.used_from_new_address',
      target: `api_key:${use.keyId}`,
      workspaceId: use.workspaceId,
      ip: use.ip,
      data: { name: use.name },
    });
  }
}
