import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import type { StoredWorkspaceSettings } from '../workspace-settings.js';

@Entity({ tableName: 'workspace' })
export class Workspace extends BaseEntity<'settings'> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Unique()
  @Property({ type: 'string', length: 100 })
  slug!: string;

  /** Checked against the schema in workspace-settings.ts on write; lists never load it. */
  @Property({ type: 'json', columnType: 'jsonb', lazy: true })
  settings: StoredWorkspaceSettings = {};
}
