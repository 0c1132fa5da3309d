import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import {
  COPILOT_ITEM_STATES,
  COPILOT_KINDS,
  COPILOT_OUTCOMES,
  type CopilotItemState,
  type CopilotKind,
  type CopilotOutcome,
} from '@mina/contract/copilot';
import { BaseEntity } from '#src/database/base.entity.js';
import { Marker } from '#src/sessions/entities/marker.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { Task } from '#src/tasks/entities/task.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

/** One provisional insight the live copilot found in a recording session's finals. */
@Entity({ tableName: 'copilot_item' })
@Index({ properties: ['session', 'startMs'] })
export class CopilotItem extends BaseEntity<'owner' | 'due' | 'state' | 'outcome' | 'task' | 'marker'> {
  @ManyToOne(() => TranscriptionSession, { deleteRule: 'cascade', index: false })
  session!: TranscriptionSession;

  @Index()
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Enum({ items: () => [...COPILOT_KINDS] })
  kind!: CopilotKind;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  owner?: string;

  /** yyyy-mm-dd */
  @Property({ type: 'date', nullable: true })
  due?: string;

  @Property({ type: 'integer' })
  startMs!: number;

  @Enum({ items: () => [...COPILOT_ITEM_STATES] })
  state: CopilotItemState = 'open';

  /** The AI model that found it, or `local` for the rule-based fallback. */
  @Property({ type: 'string', length: 100 })
  source!: string;

  /** Set at finalization (see CopilotOutcome). */
  @Enum({ items: () => [...COPILOT_OUTCOMES], nullable: true })
  outcome?: CopilotOutcome;

  @ManyToOne(() => Task, { nullable: true, deleteRule: 'set null' })
  task?: Task;

  /** The marker pinning made. */
  @ManyToOne(() => Marker, { nullable: true, deleteRule: 'set null' })
  marker?: Marker;
}
