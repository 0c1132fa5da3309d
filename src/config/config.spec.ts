import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactedConfig } from './config.js';

const base = { MINA_DATA_DIR: '/tmp/mina-config-spec', JWT_SECRET: 's'.repeat(40) };

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ role: 'all', port: 3000, redisUrl: 'redis://127.0.0.1:6379', redisUrlDefaulted: true, asrMode: 'windowed', asrInterims: true });
    expect(loadConfig({ ...base, MINA_ASR_MODE: 'realtime', MINA_ASR_INTERIMS: 'off' })).toMatchObject({ asrMode: 'realtime', asrInterims: false });
    expect(c.pgliteDir).toBe('/tmp/mina-config-spec/pg');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ MINA_ROLE: 'boss' }, /MINA_ROLE must be one of all, api, worker/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use postgres: or postgresql:/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL is not a valid URL/],
    [{ JWT_SECRET: 'short' }, /at least 32 characters/],
    [{ NODE_ENV: 'production', JWT_SECRET: '' }, /JWT_SECRET is required when NODE_ENV=production/],
    [{ MINA_BACKUP_KEY: Buffer.alloc(16).toString('base64') }, /MINA_BACKUP_KEY must be 32 bytes/],
    [{ MINA_ADMIN_EMAIL: 'a@b.c' }, /go together/],
    [{ MINA_ASR_MODE: 'magic' }, /MINA_ASR_MODE/],
    [{ MINA_ASR_INTERIMS: 'sometimes' }, /MINA_ASR_INTERIMS must be true or false/],
    [{ MINA_MAX_WORKSPACES_PER_USER: '0' }, /MINA_MAX_WORKSPACES_PER_USER must be an integer between 1 and 100000/],
    [{ MINA_MAX_LIVE_SESSIONS_PER_USER: 'lots' }, /MINA_MAX_LIVE_SESSIONS_PER_USER must be an integer/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('bounds what one user or workspace may hold, each quota configurable', () => {
    expect(loadConfig(base).limits).toEqual({
      workspacesPerUser: 50,
      membersPerWorkspace: 1000,
      speakersPerSession: 100,
      liveSessionsPerUser: 10,
      liveSessionsPerWorkspace: 100,
      participantsPerMeeting: 500,
      markersPerSession: 1000,
      taskDependencyDepth: 50,
    });
    expect(loadConfig({ ...base, MINA_MAX_MEMBERS_PER_WORKSPACE: '20', MINA_MAX_TASK_DEPENDENCY_DEPTH: '5' }).limits).toMatchObject({ membersPerWorkspace: 20, taskDependencyDepth: 5 });
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ ...base, PORT: 'x', MINA_ROLE: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('keeps secrets out of the start-up log', () => {
    const shown = JSON.stringify(redactedConfig(loadConfig({ ...base, OPENAI_API_KEY: 'sk-secret', DATABASE_URL: 'postgres://u:pw@h/db' })));
    expect(shown).not.toContain('sk-secret');
    expect(shown).not.toContain('pw@h');
    expect(shown).not.toContain('s'.repeat(40));
  });

  it('keeps recordings on disk by default and in a bucket when one is named, with its secret redacted', () => {
    expect(loadConfig(base)).toMatchObject({ s3Bucket: undefined, s3Region: 'us-east-1', s3ForcePathStyle: false, s3Prefix: '', retentionSweepMinutes: 60 });
    const s3 = { ...base, MINA_S3_ENDPOINT: 'http://minio:9000', MINA_S3_BUCKET: 'mina-audio', MINA_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE', MINA_S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-secret', MINA_S3_PREFIX: '/prod/rec/' };
    expect(loadConfig(s3)).toMatchObject({ s3Endpoint: 'http://minio:9000', s3Bucket: 'mina-audio', s3ForcePathStyle: true, s3Prefix: 'prod/rec' });
    expect(loadConfig({ ...s3, MINA_S3_FORCE_PATH_STYLE: 'false', MINA_RETENTION_SWEEP_MINUTES: '5' })).toMatchObject({ s3ForcePathStyle: false, retentionSweepMinutes: 5 });
    const shown = JSON.stringify(redactedConfig(loadConfig(s3)));
    expect(shown).toContain('mina-audio');
    expect(shown).not.toContain('wJalrXUtnFEMI-secret');
    expect(shown).not.toContain('AKIDEXAMPLE');
  });

  it.each([
    [{ MINA_S3_ENDPOINT: 'http://minio:9000' }, /MINA_S3_BUCKET is not/],
    [{ MINA_S3_BUCKET: 'ab' }, /MINA_S3_BUCKET must be a valid bucket name/],
    [{ MINA_S3_BUCKET: 'Not_A_Bucket' }, /MINA_S3_BUCKET must be a valid bucket name/],
    [{ MINA_S3_BUCKET: 'mina', MINA_S3_SECRET_ACCESS_KEY: 'x' }, /MINA_S3_ACCESS_KEY_ID and MINA_S3_SECRET_ACCESS_KEY go together/],
    [{ MINA_S3_ENDPOINT: 'ftp://x', MINA_S3_BUCKET: 'mina' }, /MINA_S3_ENDPOINT must use http: or https:/],
    [{ MINA_RETENTION_SWEEP_MINUTES: '0' }, /MINA_RETENTION_SWEEP_MINUTES must be an integer/],
  ])('refuses S3 and retention settings %j', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
