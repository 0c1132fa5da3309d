/*
 * The records the REST API answers with, as the server builds them and the console reads them.
 * `T` is how a timestamp is typed: the server's services build views with `Date` (`UserView<Date>`),
 * JSON carries ISO 8601 strings, which is what clients see (`UserView`, T = string).
 */
import type { WorkspaceRole } from './records.js';
import type { PackedRules } from './roles.js';

export interface UserView<T = string> {
  id: string;
  email: string;
  name: string;
  isActive: boolean;
  isInstanceAdmin: boolean;
  lastLoginAt: T | null;
  createdAt: T;
}

export interface MembershipView {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  role: WorkspaceRole;
  /** What the caller may do in this workspace: the server's own ability, packed (`unpackAbility`). */
  rules: PackedRules;
}

/** GET /api/me. */
export interface MeView<T = string> extends UserView<T> {
  memberships: MembershipView[];
  /** What the caller may do in a workspace they are not a member of (instance admins act as admins there; others: nothing). */
  rules: PackedRules;
}
