import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BigIntType, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '#src/database/base.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

/**
 * `uploading`: bytes arriving; `received`: all there, hashed; `ingesting`: a worker decodes it;
 * `stored`: its audio is the session's recording; `duplicate`: the same content was already
 * here (the row then points at that session); `failed`: refused at decode, cancelled or expired.
 */
export const UPLOAD_STATES = ['uploading', 'received', 'ingesting', 'stored', 'duplicate', 'failed'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

/** One tus upload: its id is the tus upload id (the last segment of its Location). */
@Entity({ tableName: 'upload' })
@Index({ name: 'upload_state_updated_idx', properties: ['state', 'updatedAt'] })
@Index({ name: 'upload_workspace_sha256_idx', properties: ['workspace', 'sha256'] })
export class Upload extends BaseEntity<'state' | 'receivedBytes' | 'clientId' | 'contentType' | 'sha256' | 'errorCode' | 'errorMessage'> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  /** The session the upload made, or, once found a duplicate, the session that already had its content. */
  @Index()
  @ManyToOne(() => TranscriptionSession, { deleteRule: 'cascade' })
  session!: Rel<TranscriptionSession>;

  /** The client's idempotency key; unique per workspace where set (upload_workspace_client_id_unique). */
  @Property({ type: 'string', length: 200, nullable: true })
  clientId?: string | null;

  @Property({ type: 'string', length: 255 })
  filename!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  contentType?: string | null;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  sizeBytes!: number;

  /** Bytes received so far, recorded at most about once a second while they arrive. */
  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  receivedBytes: number = 0;

  /** Of the uploaded file as sent; set once it is complete. */
  @Property({ type: 'string', length: 64, nullable: true })
  sha256?: string | null;

  @Enum({ items: () => [...UPLOAD_STATES] })
  state: UploadState = 'uploading';

  @Property({ type: 'string', length: 64, nullable: true })
  errorCode?: string | null;

  @Property({ type: 'text', nullable: true })
  errorMessage?: string | null;
}
