import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';

/**
 * One refresh token of a rotation family. Only its SHA-256 is stored. Presenting a token
 * that was already replaced or revoked revokes the whole family (RFC 6819 §5.2.2.3).
 */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken extends BaseEntity<'revokedAt' | 'replacedBy'> {
  @Index()
  @Property({ type: 'uuid' })
  family!: string;

  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Unique()
  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  replacedBy?: string;
}
