import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliModule } from '#src/cli/cli.module.js';
import { AdminCommand, MigrateCommand, ResetPasswordCommand, SeedDemoCommand } from '#src/cli/commands.js';
import { loadConfig } from '#src/config/config.js';
import { as } from '../support/api-client.js';
import { createTestDatabase, startTestApp, type TestApp } from '../support/test-app.js';

describe('ops CLI', () => {
  let db: { url: string; drop(): Promise<void> };
  let cli: INestApplicationContext;
  const out: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: db.url, MINA_DATA_DIR: '/tmp/mina-cli-test' });
    cli = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false });
    vi.spyOn(process.stdout, 'write').mockImplementation((line: string | Uint8Array) => {
      out.push(String(line));
      return true;
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await cli?.close();
    await db?.drop();
  });

  it('creates an admin, resets a password, reports migrations and seeds a demo workspace an API user can open', async () => {
    await cli.get(AdminCommand).run([], { email: 'Ops@Example.com', password: 'first-password', name: 'Ops' });
    await cli.get(AdminCommand).run([], { email: 'ops@example.com', password: 'second-password' });
    await cli.get(ResetPasswordCommand).run([], { email: 'ops@example.com', password: 'third-password' });
    await cli.get(MigrateCommand).run();
    await cli.get(SeedDemoCommand).run([], { email: 'demo@example.com', password: 'demo-password' });
    expect(out.join('')).toMatch(/Created instance admin ops@example.com[\s\S]*Promoted[\s\S]*Password reset[\s\S]*Schema is up to date[\s\S]*Demo workspace/);

    let t: TestApp | undefined;
    try {
      t = await startTestApp({ databaseUrl: db.url });
      expect((await t.http.post('/api/auth/login').send({ email: 'ops@example.com', password: 'second-password' })).status).toBe(401);
      const admin = await t.http.post('/api/auth/login').send({ email: 'ops@example.com', password: 'third-password' });
      expect(admin.body.user.isInstanceAdmin).toBe(true);

      const demo = await t.http.post('/api/auth/login').send({ email: 'demo@example.com', password: 'demo-password' });
      const token = demo.body.accessToken as string;
      const me = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`);
      const workspace = me.body.memberships.find((m: { workspaceName: string }) => m.workspaceName.startsWith('Demo'));
      const user = { accessToken: token, workspaceId: workspace.workspaceId } as Parameters<typeof as>[0];
      const members = await t.http.get(`/api/workspaces/${workspace.workspaceId}/members`).set(as(user));
      expect(members.headers['content-range']).toBe('members 0-4/5');
      const sessions = await t.http.get('/api/sessions').set(as(user));
      expect(sessions.body).toHaveLength(1);
      const segments = await t.http.get(`/api/sessions/${sessions.body[0].id}/segments`).set(as(user));
      expect(segments.body.length).toBeGreaterThan(100);
      expect(segments.body[0].speaker).toBe('Laura');
      expect((await t.http.get('/api/tasks').set(as(user))).body).toHaveLength(1);
    } finally {
      await t?.close();
    }
  });

  it('refuses bad input with a clear message', async () => {
    await expect(cli.get(ResetPasswordCommand).run([], { email: 'nobody@example.com', password: 'long-enough' })).rejects.toThrow('no account with email nobody@example.com');
    await expect(cli.get(AdminCommand).run([], { email: 'x@example.com', password: 'short' })).rejects.toThrow('--password must be at least 8 characters');
    await expect(cli.get(AdminCommand).run([], { password: 'long-enough' })).rejects.toThrow('missing --email');
  });
});
