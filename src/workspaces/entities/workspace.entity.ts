import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';

export interface WorkspaceSettings {
  language?: string;
  retainAudio?: boolean;
  [key: string]: unknown;
}

@Entity({ tableName: 'workspace' })
export class Workspace extends BaseEntity<'settings'> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Unique()
  @Property({ type: 'string', length: 100 })
  slug!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  settings: WorkspaceSettings = {};
}
