import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ACCESS_KEY, type Access } from '../auth/decorators.js';
import type { Action, AppAbility, Subject } from './ability.factory.js';

export type PolicyHandler = (ability: AppAbility) => boolean;
export const POLICIES_KEY = 'mina:policies';

/** Declares what the caller's ability must allow; record-level conditions are checked in the service. */
export const CheckPolicies = (...handlers: PolicyHandler[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, 'policy' satisfies Access), SetMetadata(POLICIES_KEY, handlers));

/** Shorthand for the common case `ability.can(action, subject)`. */
export const Can = (action: Action, subject: Subject) => CheckPolicies((ability) => ability.can(action, subject));
