import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { clientIp } from '../common/client-ip.js';
import type { AuthUser } from './auth-user.js';

/** Route access declarations. Every route carries exactly one (a test walks them all). */
export const ACCESS_KEY = 'mina:access';
export type Access = 'public' | 'authenticated' | 'instance-admin' | 'policy' | 'signed-url';

export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
/** Any signed-in user; what they may see is then decided by the service (e.g. their own profile). */
export const Authenticated = () => SetMetadata(ACCESS_KEY, 'authenticated' satisfies Access);
export const InstanceAdmin = () => SetMetadata(ACCESS_KEY, 'instance-admin' satisfies Access);
/**
 * A request with a `sig` query parameter skips the Bearer check and the handler must verify the
 * signature itself (for `<audio>`, which cannot send headers); without one the route is
 * authenticated as usual.
 */
export const SignedUrlOrAuthenticated = () => SetMetadata(ACCESS_KEY, 'signed-url' satisfies Access);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<{ user: AuthUser }>();
  return req.user;
});

export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return clientIp(ctx.switchToHttp().getRequest<{ ip?: string; socket?: { remoteAddress?: string } }>());
});
