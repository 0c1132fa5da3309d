import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import type { WorkspaceRole } from '../workspaces/entities/membership.entity.js';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'stream' | 'finalize';
export type Subject = 'Workspace' | 'Membership' | 'Meeting' | 'Session' | 'Segment' | 'Marker' | 'Task' | 'User' | 'Webhook' | 'all';
export type AppAbility = MongoAbility<[Action, Subject | ({ __caslSubjectType__?: Subject } & Record<string, unknown>)]>;

export interface AbilityInput {
  userId: string;
  isInstanceAdmin: boolean;
  /** The caller's role in the workspace the request is about, if any. */
  role?: WorkspaceRole;
}

const TENANT_CONTENT: Subject[] = ['Meeting', 'Session', 'Segment', 'Marker', 'Task'];

/**
 * The one place that says who may do what. Conditions name record fields as the services
 * expose them (organizerId, userId, createdById, assignedToId).
 */
export function defineAbilityFor({ userId, isInstanceAdmin, role }: AbilityInput): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  if (isInstanceAdmin) can('manage', 'all');

  switch (role) {
    case 'owner':
      can('manage', 'all');
      break;
    case 'admin':
      can('manage', TENANT_CONTENT);
      can(['read', 'update'], 'Workspace');
      can('manage', 'Membership');
      can('manage', 'Webhook');
      // Admins cannot create, change or remove owners; only owners touch ownership.
      cannot(['create', 'update', 'delete'], 'Membership', { role: 'owner' });
      break;
    case 'member':
      can('read', ['Workspace', 'Membership', ...TENANT_CONTENT]);
      can('create', ['Meeting', 'Session', 'Marker', 'Task']);
      can(['update', 'delete'], 'Meeting', { organizerId: userId });
      can(['update', 'stream', 'finalize'], 'Session', { userId });
      can(['update', 'delete'], 'Marker', { userId });
      can('update', 'Task');
      can('delete', 'Task', { createdById: userId });
      break;
    case 'viewer':
      can('read', ['Workspace', 'Membership', ...TENANT_CONTENT]);
      break;
    case undefined:
      break;
  }
  if (!isInstanceAdmin) cannot('manage', 'User');
  return build();
}
