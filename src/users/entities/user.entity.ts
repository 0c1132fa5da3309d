import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';

@Entity({ tableName: 'user' })
@Index({ name: 'user_email_lower_unique', expression: 'create unique index "user_email_lower_unique" on "user" (lower("email"))' })
export class User extends BaseEntity<'isActive' | 'isInstanceAdmin' | 'lastLoginAt' | 'tokenVersion'> {
  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  isActive: boolean = true;

  @Property({ type: 'boolean' })
  isInstanceAdmin: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastLoginAt?: Date;

  /** Bumped on disable or password reset so outstanding access tokens die with it. */
  @Property({ type: 'integer' })
  tokenVersion: number = 0;
}
