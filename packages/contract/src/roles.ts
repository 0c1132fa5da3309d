/*
 * Who may do what, defined once. The server builds an ability per request from this; the console
 * gets the server's rules for the signed-in user packed (`GET /api/me/abilities`) and checks
 * against the very same rules, so a role change here reaches both.
 */
import {
  AbilityBuilder,
  createMongoAbility,
  subject,
  type MongoAbility,
  type RawRuleOf,
} from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import type { WorkspaceRole } from './records.js';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'stream' | 'finalize';
export type Subject =
  | 'Workspace'
  | 'Membership'
  | 'Meeting'
  | 'Session'
  | 'Segment'
  | 'Marker'
  | 'Task'
  | 'User'
  | 'Webhook'
  | 'all';
export type AppAbility = MongoAbility<
  [Action, Subject | ({ __caslSubjectType__?: Subject } & Record<string, unknown>)]
>;
export type AppRule = RawRuleOf<AppAbility>;
/** An ability's rules as `packRules` writes them: what travels over the wire. */
export type PackedRules = PackRule<AppRule>[];

export interface AbilityInput {
  userId: string;
  isInstanceAdmin: boolean;
  /** The caller's role in the workspace the request is about, if any. */
  role?: WorkspaceRole;
}

/** The role an instance admin acts with in a workspace they do not belong to. */
export const INSTANCE_ADMIN_ROLE: WorkspaceRole = 'admin';

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

/** A record to check against the rules' conditions (an own meeting, a member's role); a copy, CASL tags it. */
export const recordOf = (type: Exclude<Subject, 'all'>, fields: Record<string, unknown>) =>
  subject(type, { ...fields });

export const packAbility = (ability: AppAbility): PackedRules => packRules(ability.rules);

/** The ability the server packed, rebuilt: `can` answers exactly as the server's would. */
export const unpackAbility = (packed: PackedRules): AppAbility =>
  createMongoAbility<AppAbility>(unpackRules(packed));
