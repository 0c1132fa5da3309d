import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import type { TemplateSectionView } from '@mina/contract/templates';

/** A workspace's own summary template (the built-ins live in code: built-in-templates.ts). */
@Entity({ tableName: 'summary_template' })
@Index({ properties: ['workspace', 'createdAt'] })
@Unique({ properties: ['workspace', 'name'] })
export class SummaryTemplateRecord extends BaseEntity<'description' | 'createdBy'> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade', index: false })
  workspace!: Rel<Workspace>;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @Property({ type: 'json', columnType: 'jsonb' })
  sections!: TemplateSectionView[];

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null', index: false })
  createdBy?: Rel<User>;
}
