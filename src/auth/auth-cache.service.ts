import { Inject, Injectable } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import type { WorkspaceRole } from '#src/workspaces/entities/membership.entity.js';
import { TtlCache } from './ttl-cache.js';

export interface CachedPrincipal {
  id: string;
  email: string;
  name: string;
  isInstanceAdmin: boolean;
  isActive: boolean;
  tokenVersion: number;
}

/** Who the caller is and what role they hold where, for a couple of seconds. */
@Injectable()
export class AuthCacheService {
  readonly users: TtlCache<CachedPrincipal>;
  readonly roles: TtlCache<WorkspaceRole | null>;
  /** Whether a refresh family (one sign-in) is still open, for the access tokens it issued. */
  readonly families: TtlCache<boolean>;

  constructor(@Inject(MINA_CONFIG) config: MinaConfig) {
    this.users = new TtlCache(config.authCacheMs);
    this.roles = new TtlCache(config.authCacheMs);
    this.families = new TtlCache(config.authCacheMs);
  }

  forgetUser(userId: string): void {
    this.users.delete(userId);
  }

  forgetFamily(family: string): void {
    this.families.delete(family);
  }

  forgetRole(workspaceId: string, userId?: string): void {
    if (userId) this.roles.delete(`${workspaceId}:${userId}`);
    else this.roles.deletePrefix(`${workspaceId}:`);
  }
}
