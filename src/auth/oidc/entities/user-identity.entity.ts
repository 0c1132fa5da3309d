import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';

/**
 * A sign-in identity at an OpenID provider, bound to one account. The (issuer, subject) pair is what
 * the provider guarantees stable; the email is only what it said when the identity was last used.
 */
@Entity({ tableName: 'user_identity' })
@Unique({ name: 'user_identity_issuer_subject_unique', properties: ['issuer', 'subject'] })
export class UserIdentity extends BaseEntity<'lastLoginAt'> {
  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'string', length: 500 })
  issuer!: string;

  @Property({ type: 'string', length: 255 })
  subject!: string;

  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastLoginAt?: Date;
}
