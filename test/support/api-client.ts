import request from 'supertest';

export interface SignedIn {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  workspaceId: string;
}

let counter = 0;

/** Registers a fresh user (with their personal workspace) and returns their tokens. */
export async function registerUser(baseUrl: string, name = 'Test User'): Promise<SignedIn> {
  counter += 1;
  const email = `user${Date.now()}${counter}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const reg = await request(baseUrl).post('/api/auth/register').send({ email, password: 'correct horse battery', name });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  // Registration hands out no tokens (it answers alike for a taken email): sign in as any client does.
  const res = await request(baseUrl).post('/api/auth/login').send({ email, password: 'correct horse battery' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const me = await request(baseUrl).get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`);
  return {
    userId: res.body.user.id,
    email,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    workspaceId: me.body.memberships[0].workspaceId,
  };
}

/** Authorization and workspace headers for a signed-in user. */
export function as(user: SignedIn, workspaceId = user.workspaceId): Record<string, string> {
  return { Authorization: `Bearer ${user.accessToken}`, 'X-Workspace-Id': workspaceId };
}
