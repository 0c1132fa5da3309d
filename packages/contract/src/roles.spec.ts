import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROLES, type WorkspaceRole } from './records.js';
import {
  defineAbilityFor,
  packAbility,
  recordOf,
  unpackAbility,
  type Action,
  type PackedRules,
  type Subject,
} from './roles.js';

const ME = 'user-me';
const OTHER = 'user-other';
const ACTIONS: Action[] = ['manage', 'create', 'read', 'update', 'delete', 'stream', 'finalize'];
const SUBJECTS: Exclude<Subject, 'all'>[] = [
  'Workspace',
  'Membership',
  'Meeting',
  'Session',
  'Segment',
  'Marker',
  'Task',
  'User',
];
/** Records whose fields the rules' conditions name, each owned by the caller and by someone else; none: a type-level check. */
const RECORDS: (Record<string, unknown> | null)[] = [
  null,
  {},
  ...[ME, OTHER].flatMap((id) => [{ organizerId: id }, { userId: id }, { createdById: id }]),
  ...WORKSPACE_ROLES.map((role) => ({ role })),
];

/** Over the wire: packed, as JSON, unpacked. */
const wire = (packed: PackedRules): PackedRules => JSON.parse(JSON.stringify(packed)) as PackedRules;

describe('packed rules: the console decides exactly as the server', () => {
  const cases: [WorkspaceRole | undefined, boolean][] = [...WORKSPACE_ROLES, undefined].flatMap((role) => [
    [role, false],
    [role, true],
  ]);

  it.each(cases)(
    'role %s (instance admin: %s): every action, subject and record',
    (role, isInstanceAdmin) => {
      const server = defineAbilityFor({ userId: ME, isInstanceAdmin, role });
      const client = unpackAbility(wire(packAbility(server)));
      let allowed = 0;
      for (const action of ACTIONS)
        for (const type of SUBJECTS)
          for (const record of RECORDS) {
            const target = () => (record ? recordOf(type, record) : type);
            const expected = server.can(action, target());
            expect({ action, type, record, can: client.can(action, target()) }).toEqual({
              action,
              type,
              record,
              can: expected,
            });
            if (expected) allowed++;
          }
      // A table where nothing is allowed would prove nothing (except for no role at all).
      if (role || isInstanceAdmin) expect(allowed).toBeGreaterThan(0);
    },
  );

  it('carries the caller into conditions: a member finalizes their own session only', () => {
    const client = unpackAbility(
      wire(packAbility(defineAbilityFor({ userId: ME, isInstanceAdmin: false, role: 'member' }))),
    );
    expect(client.can('finalize', recordOf('Session', { userId: ME }))).toBe(true);
    expect(client.can('finalize', recordOf('Session', { userId: OTHER }))).toBe(false);
    expect(client.can('create', recordOf('Membership', { role: 'viewer' }))).toBe(false);
  });

  it('packs compactly: an owner is one rule and the cannot on users', () => {
    expect(packAbility(defineAbilityFor({ userId: ME, isInstanceAdmin: false, role: 'owner' }))).toEqual([
      ['manage', 'all'],
      ['manage', 'User', 0, 1],
    ]);
  });
});
