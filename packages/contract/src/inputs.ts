/*
 * What the create endpoints accept. The server's DTO classes implement these inputs (their
 * decorators validate them); clients send exactly CREATE_FIELDS, so a form's helper values stay home.
 */
import type { MeetingStatus, TaskPriority, TaskStatus, WorkspaceRole } from './records.js';
import type { TemplateInput } from './templates.js';

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  isInstanceAdmin?: boolean;
}

export interface CreateWorkspaceInput {
  name: string;
  slug?: string;
}

/** POST /api/workspaces/:id/members (an invitation). */
export interface AddMemberInput {
  email: string;
  role: WorkspaceRole;
}

export interface ParticipantInput {
  userId: string;
  role?: string;
  status?: string;
}

export interface CreateMeetingInput {
  title: string;
  description?: string;
  status?: MeetingStatus;
  scheduledStart?: string | null;
  scheduledEnd?: string | null;
  participants?: ParticipantInput[];
  /** A template id (GET /api/templates); null or absent follows the workspace default. */
  templateId?: string | null;
}

export interface CreateSessionInput {
  title?: string;
  meetingId?: string;
  language?: string;
}

export interface CreateTaskInput {
  title: string;
  description?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  assignedToId?: string | null;
  dueDate?: string | null;
  dependsOnId?: string | null;
  sessionId?: string;
  meetingId?: string;
  sourceStartMs?: number;
}

/** True when A and B have the same keys: a DTO class declares exactly its input's fields. */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never]
  ? true
  : false;

/** Every key of T, each once: the list does not compile while one is missing. */
const fields =
  <T>() =>
  <const K extends readonly (keyof T)[]>(
    ...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)
  ): K =>
    keys;

/** What each create endpoint accepts, by the console's resource names. */
export const CREATE_FIELDS = {
  users: fields<CreateUserInput>()('email', 'name', 'password', 'isInstanceAdmin'),
  workspaces: fields<CreateWorkspaceInput>()('name', 'slug'),
  members: fields<AddMemberInput>()('email', 'role'),
  meetings: fields<CreateMeetingInput>()(
    'title',
    'description',
    'status',
    'scheduledStart',
    'scheduledEnd',
    'participants',
    'templateId',
  ),
  templates: fields<TemplateInput>()('name', 'description', 'sections'),
  sessions: fields<CreateSessionInput>()('title', 'meetingId', 'language'),
  tasks: fields<CreateTaskInput>()(
    'title',
    'description',
    'status',
    'priority',
    'assignedToId',
    'dueDate',
    'dependsOnId',
    'sessionId',
    'meetingId',
    'sourceStartMs',
  ),
} as const satisfies Record<string, readonly string[]>;
