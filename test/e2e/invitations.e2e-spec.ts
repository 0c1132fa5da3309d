import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Invitation = { id: string; email: string; role: string; status: string; expired: boolean; expiresAt: string; createdAt: string };

describe('workspace invitations (issue 11 item 7)', () => {
  let t: TestApp;
  let owner: SignedIn;
  let invitee: SignedIn;
  let stranger: SignedIn;
  const bearer = (u: SignedIn) => ({ Authorization: `Bearer ${u.accessToken}` });
  const invite = async (email: string, role = 'member', by = owner) =>
    request(t.url).post(`/api/workspaces/${owner.workspaceId}/invitations`).set(as(by, owner.workspaceId)).send({ email, role });
  const mine = async (u: SignedIn) => (await request(t.url).get('/api/me/invitations').set(bearer(u)).expect(200)).body as { id: string; workspaceId: string; workspaceName: string; role: string; invitedBy: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    [owner, invitee, stranger] = [await registerUser(t.url, 'Olive Owner'), await registerUser(t.url, 'Ivan Invitee'), await registerUser(t.url, 'Sam Stranger')];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers alike whether or not the email has an account, and makes no membership yet', async () => {
    const known = await invite(invitee.email);
    const unknown = await invite(`nobody-${Date.now()}@example.com`);
    // The old "add member" route invites too, with the same answer.
    const viaMembers = await request(t.url).post(`/api/workspaces/${owner.workspaceId}/members`).set(as(owner)).send({ email: `ghost-${Date.now()}@example.com`, role: 'viewer' });
    expect([known.status, unknown.status, viaMembers.status]).toEqual([201, 201, 201]);
    const shape = (b: Invitation) => ({ ...b, id: undefined, email: undefined, createdAt: undefined, expiresAt: undefined });
    expect(shape(known.body as Invitation)).toEqual(shape(unknown.body as Invitation));
    expect(Object.keys(known.body as object).sort()).toEqual(Object.keys(viaMembers.body as object).sort());
    expect(known.body).toMatchObject({ email: invitee.email, role: 'member', status: 'pending', expired: false });
    expect((await request(t.url).get(`/api/workspaces/${owner.workspaceId}`).set(as(invitee, owner.workspaceId))).status).toBe(404);
  });

  it('lets the invited user see and accept it; only then are they a member', async () => {
    const open = await mine(invitee);
    expect(open).toEqual([expect.objectContaining({ workspaceId: owner.workspaceId, role: 'member', invitedBy: 'Olive Owner', workspaceName: expect.any(String) })]);
    expect(await mine(stranger)).toEqual([]);
    // Someone else's invitation does not exist for you.
    await request(t.url).post(`/api/invitations/${open[0].id}/accept`).set(bearer(stranger)).expect(404);
    const accepted = await request(t.url).post(`/api/invitations/${open[0].id}/accept`).set(bearer(invitee)).expect(200);
    expect(accepted.body).toMatchObject({ workspaceId: owner.workspaceId, role: 'member', membershipId: expect.any(String) });
    expect((await request(t.url).get(`/api/workspaces/${owner.workspaceId}`).set(as(invitee, owner.workspaceId))).status).toBe(200);
    expect(await mine(invitee)).toEqual([]);
    await request(t.url).post(`/api/invitations/${open[0].id}/accept`).set(bearer(invitee)).expect(404);
  });

  it('lets the invited user decline', async () => {
    await invite(stranger.email, 'viewer').then((r) => expect(r.status).toBe(201));
    const [open] = await mine(stranger);
    await request(t.url).post(`/api/invitations/${open.id}/decline`).set(bearer(stranger)).expect(204);
    expect(await mine(stranger)).toEqual([]);
    expect((await request(t.url).get(`/api/workspaces/${owner.workspaceId}`).set(as(stranger, owner.workspaceId))).status).toBe(404);
  });

  it('lets owners and admins list and revoke pending invitations; members may not invite', async () => {
    const email = `later-${Date.now()}@example.com`;
    const created = (await invite(email, 'viewer')).body as Invitation;
    const list = await request(t.url).get(`/api/workspaces/${owner.workspaceId}/invitations`).set(as(owner));
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toMatch(/^invitations /);
    expect((list.body as Invitation[]).map((i) => i.email)).toContain(email);
    expect((await invite('x@example.com', 'viewer', invitee)).status).toBe(403);
    expect((await request(t.url).get(`/api/workspaces/${owner.workspaceId}/invitations`).set(as(invitee, owner.workspaceId))).status).toBe(403);
    await request(t.url).delete(`/api/workspaces/${owner.workspaceId}/invitations/${created.id}`).set(as(owner)).expect(204);
    const after = await request(t.url).get(`/api/workspaces/${owner.workspaceId}/invitations`).set(as(owner));
    expect((after.body as Invitation[]).map((i) => i.email)).not.toContain(email);
    await request(t.url).delete(`/api/workspaces/${owner.workspaceId}/invitations/${created.id}`).set(as(owner)).expect(404);
  });

  it('lets an invitation expire', async () => {
    const late = await registerUser(t.url, 'Lou Late');
    const created = (await invite(late.email)).body as Invitation;
    const db = new pg.Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    try {
      await db.query(`update invitation set expires_at = now() - interval '1 minute' where id = $1`, [created.id]);
    } finally {
      await db.end();
    }
    expect(await mine(late)).toEqual([]);
    await request(t.url).post(`/api/invitations/${created.id}/accept`).set(bearer(late)).expect(404);
    const listed = (await request(t.url).get(`/api/workspaces/${owner.workspaceId}/invitations`).set(as(owner))).body as Invitation[];
    expect(listed.find((i) => i.id === created.id)).toMatchObject({ expired: true });
  });
});
