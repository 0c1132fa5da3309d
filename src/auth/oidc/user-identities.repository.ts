import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { isUuid } from '#src/common/uuid.pipe.js';
import { UserIdentity } from './entities/user-identity.entity.js';


@Injectable()
export class UserIdentitiesRepository {
  constructor(private readonly em: EntityManager) {}

  find(issuer: string, subject: string): Promise<UserIdentity | null> {
    return this.em.findOne(UserIdentity, { issuer, subject }, { populate: ['user'] });
  }

  async userHasIdentity(userId: string): Promise<boolean> {
    return (await this.em.count(UserIdentity, { user: userId })) > 0;
  }

  async userHasIdentityAt(userId: string, issuer: string): Promise<boolean> {
    return (await this.em.count(UserIdentity, { user: userId, issuer })) > 0;
  }

  link(user: User, issuer: string, subject: string, email: string): UserIdentity {
    return this.em.create(UserIdentity, { user, issuer, subject, email, lastLoginAt: new Date() });
  }

  /** MINA_OIDC_DEFAULT_WORKSPACE names a workspace by id or by slug. */
  findWorkspace(idOrSlug: string): Promise<Workspace | null> {
    return this.em.findOne(Workspace, isUuid(idOrSlug) ? { $or: [{ id: idOrSlug }, { slug: idOrSlug }] } : { slug: idOrSlug });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }

  /** After a failed flush: drops the rows it could not write, so the next flush does not retry them. */
  forgetUnsaved(): void {
    this.em.clear();
  }
}
