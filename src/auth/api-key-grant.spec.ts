import { describe, expect, it } from 'vitest';
import type { WorkspaceRole } from '#src/workspaces/entities/membership.entity.js';
import { assertKeyMayCall, assertKeyWorkspace, clampRole, roleCovers, scopeRole, type ApiKeyGrant, type ApiKeyScope, type KeyedRoute } from './api-key-grant.js';

const WS = '00000000-0000-4000-8000-000000000001';
const grant = (...scopes: ApiKeyScope[]): ApiKeyGrant => ({ id: 'k', workspaceId: WS, scopes, expiresAt: null });
const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('API key grants', () => {
  it.each<[ApiKeyScope[], WorkspaceRole]>([
    [['read'], 'viewer'],
    [['write'], 'member'],
    [['admin'], 'admin'],
    [['read', 'write'], 'member'],
    [['admin', 'read'], 'admin'],
  ])('scopes %j act as %s', (scopes, role) => {
    expect(scopeRole(scopes)).toBe(role);
  });

  it.each<[WorkspaceRole | undefined, ApiKeyScope[], WorkspaceRole | undefined]>([
    ['owner', ['admin'], 'admin'],
    ['owner', ['read'], 'viewer'],
    ['admin', ['write'], 'member'],
    ['member', ['admin'], 'member'],
    ['viewer', ['write'], 'viewer'],
    ['viewer', ['admin'], 'viewer'],
    [undefined, ['admin'], undefined],
  ])('a %s with a %j key acts as %s', (role, scopes, expected) => {
    expect(clampRole(role, grant(...scopes))).toBe(expected);
  });

  it('leaves a signed-in user (no key) at their role', () => {
    expect(clampRole('owner', undefined)).toBe('owner');
  });

  it.each<[WorkspaceRole, ApiKeyScope[], boolean]>([
    ['viewer', ['read'], true],
    ['viewer', ['write'], false],
    ['member', ['write'], true],
    ['member', ['admin'], false],
    ['admin', ['admin'], true],
    ['owner', ['admin', 'write'], true],
  ])('a %s may grant %j: %s', (role, scopes, ok) => {
    expect(roleCovers(role, scopes)).toBe(ok);
  });

  it('binds a key to its workspace, whatever the case of the id', () => {
    expect(codeOf(() => assertKeyWorkspace(grant('read'), WS.toUpperCase()))).toBeUndefined();
    expect(codeOf(() => assertKeyWorkspace(grant('admin'), '00000000-0000-4000-8000-000000000002'))).toBe('API_KEY_WORKSPACE');
  });

  const route = (over: Partial<KeyedRoute>): KeyedRoute => ({ method: 'GET', tenantScoped: true, keyAllowed: false, signInRequired: false, instanceAdmin: false, ...over });
  it.each<[string, ApiKeyScope[], Partial<KeyedRoute>, string | undefined]>([
    ['read GET in its workspace', ['read'], {}, undefined],
    ['read POST', ['read'], { method: 'POST' }, 'API_KEY_SCOPE'],
    ['read PUT', ['read'], { method: 'put' }, 'API_KEY_SCOPE'],
    ['read DELETE', ['read'], { method: 'DELETE' }, 'API_KEY_SCOPE'],
    ['write POST', ['write'], { method: 'POST' }, undefined],
    ['write POST outside a workspace', ['write'], { method: 'POST', tenantScoped: false }, 'API_KEY_NOT_ALLOWED'],
    // Outside a workspace a route is about all of the user's workspaces unless it is allowlisted.
    ['admin GET outside a workspace', ['admin'], { tenantScoped: false }, 'API_KEY_NOT_ALLOWED'],
    ['read HEAD outside a workspace', ['read'], { method: 'HEAD', tenantScoped: false }, 'API_KEY_NOT_ALLOWED'],
    ['read GET on an allowlisted route', ['read'], { tenantScoped: false, keyAllowed: true }, undefined],
    ['admin POST on an allowlisted route', ['admin'], { method: 'POST', tenantScoped: false, keyAllowed: true }, 'API_KEY_NOT_ALLOWED'],
    ['any key managing keys', ['admin'], { signInRequired: true }, 'API_KEY_NOT_ALLOWED'],
    ['any key listing keys', ['read'], { signInRequired: true, tenantScoped: false }, 'API_KEY_NOT_ALLOWED'],
    ['any key on an instance-admin route', ['admin'], { instanceAdmin: true, tenantScoped: false }, 'API_KEY_NOT_ALLOWED'],
  ])('%s', (_, scopes, over, code) => {
    expect(codeOf(() => assertKeyMayCall(grant(...scopes), route(over)))).toBe(code);
  });
});
