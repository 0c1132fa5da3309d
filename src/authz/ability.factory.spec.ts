import { subject } from '@casl/ability';
import { describe, expect, it } from 'vitest';
import type { WorkspaceRole } from '#src/workspaces/entities/membership.entity.js';
import { defineAbilityFor, type Action, type Subject } from './ability.factory.js';

const ME = 'user-me';
const OTHER = 'user-other';

type Row = [role: WorkspaceRole | undefined, admin: boolean, action: Action, subject: Exclude<Subject, 'all'>, record: Record<string, unknown> | null, allowed: boolean];

const rows: Row[] = [
  // viewers read everything in the workspace and change nothing
  ['viewer', false, 'read', 'Meeting', null, true],
  ['viewer', false, 'read', 'Task', null, true],
  ['viewer', false, 'create', 'Task', null, false],
  ['viewer', false, 'create', 'Meeting', null, false],
  ['viewer', false, 'stream', 'Session', { userId: ME }, false],
  ['viewer', false, 'update', 'Workspace', null, false],
  // members create, and change what they own
  ['member', false, 'create', 'Task', null, true],
  ['member', false, 'create', 'Session', null, true],
  ['member', false, 'update', 'Meeting', { organizerId: ME }, true],
  ['member', false, 'update', 'Meeting', { organizerId: OTHER }, false],
  ['member', false, 'delete', 'Meeting', { organizerId: OTHER }, false],
  ['member', false, 'stream', 'Session', { userId: ME }, true],
  ['member', false, 'stream', 'Session', { userId: OTHER }, false],
  ['member', false, 'finalize', 'Session', { userId: OTHER }, false],
  ['member', false, 'update', 'Task', { createdById: OTHER }, true],
  ['member', false, 'delete', 'Task', { createdById: OTHER }, false],
  ['member', false, 'delete', 'Task', { createdById: ME }, true],
  ['member', false, 'create', 'Membership', { role: 'member' }, false],
  ['member', false, 'update', 'Workspace', null, false],
  // admins manage content and members, but not owners
  ['admin', false, 'delete', 'Meeting', { organizerId: OTHER }, true],
  ['admin', false, 'stream', 'Session', { userId: OTHER }, true],
  ['admin', false, 'create', 'Membership', { role: 'member' }, true],
  ['admin', false, 'create', 'Membership', { role: 'owner' }, false],
  ['admin', false, 'update', 'Membership', { role: 'owner' }, false],
  ['admin', false, 'delete', 'Workspace', null, false],
  ['admin', false, 'update', 'Workspace', null, true],
  // owners do anything in their workspace, but are not instance admins
  ['owner', false, 'delete', 'Workspace', null, true],
  ['owner', false, 'update', 'Membership', { role: 'owner' }, true],
  ['owner', false, 'manage', 'User', null, false],
  // no role: nothing; instance admins: everything
  [undefined, false, 'read', 'Meeting', null, false],
  [undefined, true, 'manage', 'User', null, true],
  [undefined, true, 'delete', 'Meeting', { organizerId: OTHER }, true],
];

describe('defineAbilityFor', () => {
  it.each(rows)('%s (instance admin: %s) %s %s %j → %s', (role, isInstanceAdmin, action, type, record, allowed) => {
    const ability = defineAbilityFor({ userId: ME, isInstanceAdmin, role });
    const target = record ? subject(type, { ...record }) : type;
    expect(ability.can(action, target)).toBe(allowed);
  });
});
