import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { Meeting } from '#src/meetings/entities/meeting.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '@mina/contract/records';

export { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus };

@Entity({ tableName: 'task' })
@Index({ properties: ['assignedTo', 'status', 'dueDate'] })
@Index({ properties: ['meeting', 'status'] })
@Index({ properties: ['workspace', 'status', 'createdAt'] })
@Index({ name: 'task_search_idx', expression: `create index "task_search_idx" on "task" using gin (to_tsvector('english', "title" || ' ' || coalesce("description", '')))` })
@Index({ name: 'task_workspace_created_idx', expression: 'create index "task_workspace_created_idx" on "task" ("workspace_id", "created_at" desc)' })
export class Task extends BaseEntity<
  | 'description' | 'status' | 'priority' | 'assignedTo' | 'dueDate' | 'completedAt' | 'dependsOn'
  | 'meeting' | 'session' | 'sourceStartMs' | 'assigneeName' | 'evidence' | 'extracted'
> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Meeting, { nullable: true, deleteRule: 'set null' })
  meeting?: Meeting;

  @Index()
  @ManyToOne(() => TranscriptionSession, { nullable: true, deleteRule: 'set null' })
  session?: TranscriptionSession;

  @Property({ type: 'string', length: 500 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Enum({ items: () => [...TASK_STATUSES] })
  status: TaskStatus = 'open';

  @Enum({ items: () => [...TASK_PRIORITIES] })
  priority: TaskPriority = 'medium';

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  assignedTo?: User;

  /** The name the meeting used for the owner, kept when it matched no member. */
  @Property({ type: 'string', length: 200, nullable: true })
  assigneeName?: string;

  @Index()
  @ManyToOne(() => User)
  createdBy!: User;

  @Property({ type: 'date', nullable: true })
  dueDate?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  completedAt?: Date;

  @Index()
  @ManyToOne(() => Task, { nullable: true, deleteRule: 'set null' })
  dependsOn?: Task;

  @Property({ type: 'integer', nullable: true })
  sourceStartMs?: number;

  @Property({ type: 'text', nullable: true })
  evidence?: string;

  /** True when the pipeline created it; re-running extraction replaces only these. */
  @Property({ type: 'boolean' })
  extracted: boolean = false;
}
