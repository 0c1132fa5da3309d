import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { ApiKey } from './api-key.entity.js';

/** An address a key was used from: the first use from one not listed here is audited. */
@Entity({ tableName: 'api_key_address' })
@Unique({ properties: ['key', 'ip'] })
export class ApiKeyAddress extends BaseEntity {
  @ManyToOne(() => ApiKey, { deleteRule: 'cascade' })
  key!: ApiKey;

  @Property({ type: 'string', length: 64 })
  ip!: string;
}
