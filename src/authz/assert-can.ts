import { recordOf } from '@mina/contract/roles';
import { forbidden } from '../common/mina.exception.js';
import type { Action, AppAbility, Subject } from './ability.factory.js';

/** Record-level check: throws 403 when the ability does not allow `action` on this record. */
export function assertCan(ability: AppAbility, action: Action, type: Exclude<Subject, 'all'>, record: Record<string, unknown>): void {
  if (!ability.can(action, recordOf(type, record))) throw forbidden();
}
