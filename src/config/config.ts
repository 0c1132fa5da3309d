import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { providerChains, type AiProviderConfig } from '#src/ai/providers/provider-config.js';

export type ProcessRole = 'all' | 'api' | 'worker';
export type AsrMode = 'windowed' | 'realtime';

/** Roles a just-in-time SSO account may get in the default workspace (never owner: the provider would mint owners). */
export const OIDC_JIT_ROLES = ['admin', 'member', 'viewer'] as const;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** How Mina authenticates at the token endpoint (MINA_OIDC_TOKEN_AUTH). */
  tokenAuth: 'client_secret_basic' | 'client_secret_post';
  /** The callback URL registered at the provider; unset → derived from each request's own origin. */
  redirectUrl: string | undefined;
  /** Email domains allowed to sign in (`example.com`, `*.example.com` for subdomains); empty → any domain. */
  allowedDomains: string[];
  /** Workspace (id or slug) a just-in-time account joins; unset → the account gets a workspace of its own. */
  defaultWorkspace: string | undefined;
  defaultRole: (typeof OIDC_JIT_ROLES)[number];
  /** Accounts with an SSO identity may not sign in with a password. */
  disableLocalPasswords: boolean;
  /** A new account is made only for an email the provider says it verified. */
  requireVerifiedEmail: boolean;
  /** http:// issuers (tests, a provider on the same host); never for a real deployment. */
  allowHttp: boolean;
  /** What the console's button says: "Sign in with <label>". */
  label: string;
  /** How long a started sign-in may take at the provider before its state expires. */
  stateTtlSeconds: number;
  /** How long the console has to pick up a finished sign-in (the one-time handoff). */
  handoffTtlSeconds: number;
  /** Discovery, token and userinfo requests to the provider give up after this many seconds. */
  httpTimeoutSeconds: number;
}

export interface WebhookConfig {
  /** MINA_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: lets endpoints reach loopback/private/link-local addresses (SSRF guard off). */
  allowPrivateNetworks: boolean;
  /** MINA_MAX_WEBHOOKS_PER_WORKSPACE: endpoints one workspace may register. */
  maxPerWorkspace: number;
  /** MINA_WEBHOOK_ATTEMPTS: tries of one delivery (BullMQ attempts) before it is given up. */
  attempts: number;
  /** MINA_WEBHOOK_BACKOFF_MS: first retry's delay, doubling with jitter. */
  backoffMs: number;
  /** MINA_WEBHOOK_TIMEOUT_MS: connect + response time of one request. */
  timeoutMs: number;
  /** MINA_WEBHOOK_DISABLE_AFTER: consecutive failed requests that disable an endpoint (its owners are told). */
  disableAfterFailures: number;
  /** MINA_WEBHOOK_CONCURRENCY: deliveries a worker process sends at once. */
  concurrency: number;
}

/** The live copilot (src/copilot): provisional insights from a recording session's finals. */
export interface CopilotConfig {
  /** MINA_COPILOT_ENABLED: scan live sessions at all (reconciliation of items already found runs either way). */
  enabled: boolean;
  /** MINA_COPILOT_INTERVAL_SECONDS: at most one scan (one LLM call) per session this often. */
  intervalSeconds: number;
  /** MINA_COPILOT_MAX_CHARS: transcript characters one scan reads; with the interval, the bound on cost per minute of audio. */
  maxChars: number;
  /** MINA_COPILOT_MAX_ITEMS: items one session keeps; later finds are dropped. */
  maxItemsPerSession: number;
}

/** Ask Mina (src/ask): questions answered from the meetings' words. */
export interface AskConfig {
  /** MINA_ASK_RATE_PER_MINUTE: questions and retrievals one user may send a minute (429 RATE_LIMITED beyond). */
  ratePerMinute: number;
  /** MINA_ASK_MIN_SCORE_PERCENT (0–100): a passage matching less of the question's weight is not relevant; none above → "nothing found", no LLM call. */
  minScore: number;
  /** MINA_ASK_PASSAGES: passages one answer is built from. */
  passages: number;
  /** MINA_ASK_WINDOW: neighbouring segments on each side of a matching one that make up its passage. */
  window: number;
  /** MINA_ASK_MAX_ANSWER_CHARS: longest answer kept (the model is also told, and its tokens bounded). */
  maxAnswerChars: number;
  /** MINA_ASK_HISTORY_TURNS: previous turns of a conversation sent with a follow-up question. */
  historyTurns: number;
}

/** Summary templates and vocabulary (src/templates). */
export interface TemplatesConfig {
  /** MINA_MAX_TEMPLATES_PER_WORKSPACE: custom summary templates one workspace may keep (409 TEMPLATE_LIMIT). */
  maxPerWorkspace: number;
  /** MINA_TEMPLATE_MAX_SECTIONS: sections of one custom template. */
  maxSections: number;
  /** MINA_VOCABULARY_MAX_TERMS: terms of a workspace's vocabulary. */
  vocabularyMaxTerms: number;
  /** MINA_VOCABULARY_MAX_TERM_CHARS: characters of one vocabulary term. */
  vocabularyMaxTermChars: number;
}

/** Everything Mina reads from the environment, validated once at start. */
export interface MinaConfig {
  env: 'development' | 'production' | 'test';
  role: ProcessRole;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps its cluster when DATABASE_URL is unset; `memory://` for a throwaway one. */
  pgliteDir: string;
  /** A PGlite directory lock not refreshed for this long is taken over (a dead holder of this host is at once). */
  pgliteLockStaleMs: number;
  databaseReplicaUrls: string[];
  redisUrl: string;
  /** True when REDIS_URL was not given: the launcher may start a local redis-server. */
  redisUrlDefaulted: boolean;
  /** Key prefix for everything Mina keeps in Redis (queues, throttles, spool); lets tests share one Redis. */
  redisPrefix: string;
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
  asrModel: string;
  llmModel: string;
  asrMode: AsrMode;
  /** Ordered LLM endpoints (MINA_LLM_PROVIDERS, else the single-endpoint settings as `default`); empty = no LLM. */
  llmProviders: AiProviderConfig[];
  /** Ordered ASR endpoints (MINA_ASR_PROVIDERS, else the single-endpoint settings as `default`); empty = no ASR. */
  asrProviders: AiProviderConfig[];
  /** Interim (live, not yet final) transcripts of open windows: extra ASR requests, shed first under load. */
  asrInterims: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  corsOrigins: string[];
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe for the client IP (throttling, audit). */
  trustProxy: string;
  sentryDsn: string | undefined;
  backupDir: string;
  backupKey: Buffer | undefined;
  /** The local-disk recording store: one audio file per session (audio kept untranscribed, later every recording). */
  recordingsDir: string;
  registrationEnabled: boolean;
  bodyLimitBytes: number;
  /** Transcript imports: file size, cues, and the longest meeting a cue may reach. */
  importMaxBytes: number;
  importMaxSegments: number;
  importMaxDurationMs: number;
  /** Deepest nesting of objects and arrays accepted in a JSON body or a list's filter. */
  jsonMaxDepth: number;
  /** Failed sign-ins a minute for one account from one client (the limit a user behind a shared proxy meets). */
  loginFailuresPerMinute: number;
  apiRateLimitPerMinute: number;
  /** Sign-in and registration abuse limits, and the bound on concurrent password hashing (argon2 is CPU and memory). */
  authLimits: AuthLimits;
  /** How long a process trusts its cached user and membership lookups (changes made here apply at once). */
  authCacheMs: number;
  /** Pipeline tuning from the environment; what is unset keeps the pipeline's defaults. */
  pipeline: { concurrency?: number; lockMs?: number; abandonAfterMs?: number; llmTimeoutMs?: number; llmMaxConcurrent?: number };
  /** Bounds on what one client can make the /transcription gateway hold (see transcription.options.ts). */
  socket: SocketConfig;
  logLevel: string;
  adminDistDir: string;
  /** Per-user and per-workspace quotas: what one account can make the server store or hold open. */
  limits: QuotaLimits;
  /** /metrics: a bearer token for it, a separate port for it, or (MINA_METRICS_PUBLIC) the old open endpoint. */
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  metricsPublic: boolean;
  /** /docs and /docs-json: `public` (without instance-admin paths), `full`, or `off`. */
  docs: 'public' | 'full' | 'off';
  /** Registration answers no sooner than this, whether the email was new or not (no timing oracle). */
  registerMinMs: number;
  /** How long a workspace invitation stays open. */
  invitationTtlSeconds: number;
  /** Playback (recordings): how long a signed audio URL for `<audio>` stays valid. */
  audioUrlTtlSeconds: number;
  // Audio decoding (codec): ffmpeg for uploads and FLAC recordings.
  ffmpegPath: string;
  ffprobePath: string;
  /** How new recordings are kept: `auto` is FLAC when ffmpeg is there, else WAV. */
  recordingsFormat: 'auto' | 'flac' | 'wav';
  // Resumable uploads (tus at /api/uploads)
  /** Where tus keeps partial and finished upload files until they are ingested. */
  uploadsDir: string;
  uploadMaxBytes: number;
  /** Longest recording an upload may decode to; longer is refused at decode (AUDIO_TOO_LONG). */
  uploadMaxDurationMs: number;
  /** Uploads still receiving bytes, per user and per workspace; more are refused (UPLOAD_LIMIT). */
  uploadsInFlightPerUser: number;
  uploadsInFlightPerWorkspace: number;
  /** An upload that received nothing for this long is expired and its session set to error (UPLOAD_EXPIRED). */
  uploadExpireMs: number;
  // Live audio kept (recordings)
  /**
   * A live session's audio is archived in parts of this many seconds while it is transcribed. The
   * spool is trimmed only behind archived audio, so this bounds what Redis holds per session; the
   * default matches the longest ASR window, which bounded it before.
   */
  liveAudioPartSeconds: number;
  // Recording storage (S3-compatible) and retention.
  /** S3-compatible endpoint (MinIO, Ceph, R2…); unset → AWS S3 for the region. */
  s3Endpoint: string | undefined;
  s3Region: string;
  /** Set → recordings live in this bucket instead of on local disk. */
  s3Bucket: string | undefined;
  s3AccessKeyId: string | undefined;
  s3SecretAccessKey: string | undefined;
  /** `bucket.host/key` (false) or `host/bucket/key` (true, what most self-hosted servers need). */
  s3ForcePathStyle: boolean;
  /** Key prefix inside the bucket (`a/b` → objects under `a/b/`), so one bucket can serve several things. */
  s3Prefix: string;
  /** How often the `sweep-recordings` job applies the workspaces' recording retention. */
  retentionSweepMinutes: number;
  // Transcription of stored recordings (transcribe-recording jobs).
  /** Recordings one worker process transcribes at once (MINA_RECORDING_WORKERS). */
  recordingWorkers: number;
  /** ASR requests in flight for one recording's windows (MINA_FILE_ASR_CONCURRENCY); live sessions send one at a time. */
  fileAsrConcurrency: number;
  /** Tries of one window of a recording before its processor gives up and the job retries later (MINA_FILE_ASR_ATTEMPTS). */
  fileAsrAttempts: number;
  /** Tries of a recording's transcription before the session is `error` (MINA_RECORDING_ATTEMPTS), and the first retry's delay (doubling). */
  recordingAttempts: number;
  recordingBackoffMs: number;
  // Personal API keys (integrations)
  /** Longest life of an API key in days (MINA_API_KEY_MAX_DAYS); a key created without expiresAt gets it. 0 = keys may never expire. */
  apiKeyMaxDays: number;
  /** Live (not revoked, not expired) API keys one user may hold (MINA_MAX_API_KEYS_PER_USER). */
  apiKeysPerUser: number;
  // Single sign-on (OpenID Connect)
  /** OIDC sign-in; undefined unless MINA_OIDC_ISSUER, MINA_OIDC_CLIENT_ID and MINA_OIDC_CLIENT_SECRET are all set. */
  oidc: OidcConfig | undefined;
  // Retention policies: instance defaults for workspaces without a policy of their own, and the daily run.
  /** Transcripts, summaries, insights, markers (and tasks unless kept) of sessions older than this many days are deleted; null keeps them forever (MINA_RETENTION_TRANSCRIPT_DAYS, 1–36500). */
  retentionTranscriptDays: number | null;
  /** Recordings older than this many days are deleted; null keeps them forever (MINA_RETENTION_AUDIO_DAYS, 1–36500). */
  retentionAudioDays: number | null;
  /** Whether a session's tasks outlive its transcript (MINA_RETENTION_KEEP_TASKS, default true). */
  retentionKeepTasks: boolean;
  /** How often the `apply-retention` job runs (MINA_RETENTION_RUN_HOURS, default 24). */
  retentionRunHours: number;
  /** Sessions deleted per transaction by that job (MINA_RETENTION_BATCH, default 50): bounds lock time and memory. */
  retentionBatch: number;
  // Audit log
  /** Most rows one CSV export of the audit log writes (MINA_AUDIT_EXPORT_MAX_ROWS); past it the file says it was cut. */
  auditExportMaxRows: number;
  /** Signed webhooks (src/integrations/webhooks). */
  webhooks: WebhookConfig;
  // Exports (integrations)
  /** DOCX and PDF exports rendered at once by one process (MINA_EXPORT_MAX_CONCURRENT); more wait for none and get 503 + Retry-After. */
  exportMaxConcurrent: number;
  /** Longest transcript (characters of its final segments) a translation is made of (MINA_TRANSLATION_MAX_CHARS). */
  translationMaxChars: number;
  /** Translations one user may start an hour (MINA_TRANSLATION_RATE_PER_HOUR); served from the cache they cost nothing. */
  translationRatePerHour: number;
  /** The live copilot. */
  copilot: CopilotConfig;
  /** Ask Mina (src/ask). */
  ask: AskConfig;
  /** Summary templates and the workspace vocabulary. */
  templates: TemplatesConfig;
}


export interface AuthLimits {
  /** Failed sign-ins a minute for one account from all clients together (distributed guessing). */
  accountFailuresPerMinute: number;
  /** Failed sign-ins a minute from one client across accounts (password spraying); high, as offices share one address. */
  clientFailuresPerMinute: number;
  registrationsPerClientPerHour: number;
  registrationsPerMinute: number;
  /** Password hashes and verifications running at once in a process; the rest wait in a bounded queue. */
  hashConcurrency: number;
  hashQueue: number;
  hashWaitMs: number;
}

export interface QuotaLimits {
  /** Workspaces one user may own (their personal workspace included). */
  workspacesPerUser: number;
  membersPerWorkspace: number;
  /** Speaker display names (diarization label → name) kept per session. */
  speakersPerSession: number;
  /** Sessions not yet finalized (pending or recording) per user and per workspace. */
  liveSessionsPerUser: number;
  liveSessionsPerWorkspace: number;
  participantsPerMeeting: number;
  markersPerSession: number;
  /** Longest dependsOn chain of tasks (a task, what it waits for, what that waits for…). */
  taskDependencyDepth: number;
}

/** Upper bound of every quota's range, and so of any list a DTO may carry for it. */
export const QUOTA_CEILING = 100_000;

export interface SocketConfig {
  /** Sockets one user may have open on one api process; more are refused at the handshake. */
  maxPerUser: number;
  /** Distinct sessions one socket may join (each is a room and per-socket state). */
  maxSessionsPerSocket: number;
  /** How far past the next expected seq (highest stored + 1) a chunk may be; further is refused. */
  seqLookahead: number;
}

/** Names of config keys whose values must never reach a log line. */
export const SENSITIVE_KEYS: ReadonlySet<keyof MinaConfig> = new Set<keyof MinaConfig>([
  'openaiApiKey',
  'llmProviders',
  'asrProviders',
  'adminPassword',
  'jwtSecret',
  'sentryDsn',
  'backupKey',
  'databaseUrl',
  'databaseReplicaUrls',
  'redisUrl',
  'metricsToken',
  's3AccessKeyId',
  's3SecretAccessKey',
  'oidc',
]);

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function url(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must use ${protocols.join(' or ')}`);
      return undefined;
    }
    return raw;
  } catch {
    problems.push(`${name} is not a valid URL`);
    return undefined;
  }
}

function quotaLimits(env: Env, problems: string[]): QuotaLimits {
  const read = (name: string, fallback: number): number => integer(env, name, fallback, 1, QUOTA_CEILING, problems);
  return {
    workspacesPerUser: read('MINA_MAX_WORKSPACES_PER_USER', 50),
    membersPerWorkspace: read('MINA_MAX_MEMBERS_PER_WORKSPACE', 1000),
    speakersPerSession: read('MINA_MAX_SPEAKERS_PER_SESSION', 100),
    liveSessionsPerUser: read('MINA_MAX_LIVE_SESSIONS_PER_USER', 10),
    liveSessionsPerWorkspace: read('MINA_MAX_LIVE_SESSIONS_PER_WORKSPACE', 100),
    participantsPerMeeting: read('MINA_MAX_MEETING_PARTICIPANTS', 500),
    markersPerSession: read('MINA_MAX_MARKERS_PER_SESSION', 1000),
    taskDependencyDepth: read('MINA_MAX_TASK_DEPENDENCY_DEPTH', 50),
  };
}

function askConfig(env: Env, problems: string[]): AskConfig {
  return {
    ratePerMinute: integer(env, 'MINA_ASK_RATE_PER_MINUTE', 20, 1, 1_000_000, problems),
    minScore: integer(env, 'MINA_ASK_MIN_SCORE_PERCENT', 35, 0, 100, problems) / 100,
    passages: integer(env, 'MINA_ASK_PASSAGES', 8, 1, 50, problems),
    window: integer(env, 'MINA_ASK_WINDOW', 2, 0, 10, problems),
    maxAnswerChars: integer(env, 'MINA_ASK_MAX_ANSWER_CHARS', 4000, 200, 50_000, problems),
    historyTurns: integer(env, 'MINA_ASK_HISTORY_TURNS', 6, 0, 50, problems),
  };
}

function pipelineTuning(env: Env, problems: string[]): MinaConfig['pipeline'] {
  const read = (name: string, min: number, max: number, scale = 1): number | undefined =>
    nonEmpty(env[name]) === undefined ? undefined : integer(env, name, 0, min, max, problems) * scale;
  const tuning = {
    concurrency: read('MINA_PIPELINE_CONCURRENCY', 1, 1000),
    lockMs: read('MINA_JOB_LOCK_MS', 1000, 600_000),
    abandonAfterMs: read('MINA_ABANDON_AFTER_MINUTES', 1, 1440, 60_000),
    llmTimeoutMs: read('MINA_LLM_TIMEOUT_MS', 1000, 600_000),
    llmMaxConcurrent: read('MINA_LLM_MAX_CONCURRENT', 1, 1000),
  };
  return Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined));
}

function socketConfig(env: Env, problems: string[]): SocketConfig {
  return {
    maxPerUser: integer(env, 'MINA_SOCKETS_PER_USER', 20, 1, 10_000, problems),
    maxSessionsPerSocket: integer(env, 'MINA_SOCKET_MAX_SESSIONS', 16, 1, 1_000, problems),
    // A gap is skipped in O(min(gap, chunks stored)); the upper bound keeps that a few ms of Redis time.
    seqLookahead: integer(env, 'MINA_AUDIO_SEQ_LOOKAHEAD', 1_024, 1, 100_000, problems),
  };
}

function s3Config(env: Env, problems: string[]): Pick<MinaConfig, 's3Endpoint' | 's3Region' | 's3Bucket' | 's3AccessKeyId' | 's3SecretAccessKey' | 's3ForcePathStyle' | 's3Prefix'> {
  const s3Endpoint = url(env, 'MINA_S3_ENDPOINT', ['http:', 'https:'], problems);
  const s3Bucket = nonEmpty(env.MINA_S3_BUCKET);
  const s3AccessKeyId = nonEmpty(env.MINA_S3_ACCESS_KEY_ID);
  const s3SecretAccessKey = nonEmpty(env.MINA_S3_SECRET_ACCESS_KEY);
  if ((s3AccessKeyId === undefined) !== (s3SecretAccessKey === undefined)) problems.push('MINA_S3_ACCESS_KEY_ID and MINA_S3_SECRET_ACCESS_KEY go together');
  if (s3Bucket === undefined && s3Endpoint !== undefined) problems.push('MINA_S3_ENDPOINT is set but MINA_S3_BUCKET is not: recordings would silently stay on local disk');
  if (s3Bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s3Bucket)) problems.push(`MINA_S3_BUCKET must be a valid bucket name (got "${s3Bucket}")`);
  return {
    s3Endpoint,
    s3Region: nonEmpty(env.MINA_S3_REGION) ?? 'us-east-1',
    s3Bucket,
    s3AccessKeyId,
    s3SecretAccessKey,
    s3ForcePathStyle: bool(env, 'MINA_S3_FORCE_PATH_STYLE', s3Endpoint !== undefined, problems),
    s3Prefix: (nonEmpty(env.MINA_S3_PREFIX) ?? '').replace(/^\/+|\/+$/g, ''),
  };
}

function oidcConfig(env: Env, problems: string[]): OidcConfig | undefined {
  const required = ['MINA_OIDC_ISSUER', 'MINA_OIDC_CLIENT_ID', 'MINA_OIDC_CLIENT_SECRET'];
  const given = required.filter((name) => nonEmpty(env[name]) !== undefined);
  if (given.length === 0) return undefined;
  if (given.length < required.length) {
    problems.push(`${required.join(', ')} go together (missing ${required.filter((n) => !given.includes(n)).join(', ')})`);
    return undefined;
  }
  const allowHttp = bool(env, 'MINA_OIDC_ALLOW_HTTP', false, problems);
  const issuer = url(env, 'MINA_OIDC_ISSUER', allowHttp ? ['https:', 'http:'] : ['https:'], problems);
  const allowedDomains = (nonEmpty(env.MINA_OIDC_ALLOWED_DOMAINS) ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  for (const domain of allowedDomains) {
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain)) problems.push(`MINA_OIDC_ALLOWED_DOMAINS: "${domain}" is not a domain (example.com or *.example.com)`);
  }
  const label = nonEmpty(env.MINA_OIDC_LABEL) ?? 'SSO';
  if (label.length > 60) problems.push('MINA_OIDC_LABEL must be at most 60 characters');
  const clientSecret = nonEmpty(env.MINA_OIDC_CLIENT_SECRET) ?? '';
  return {
    issuer: issuer ?? '',
    clientId: nonEmpty(env.MINA_OIDC_CLIENT_ID) ?? '',
    clientSecret,
    tokenAuth: oneOf(env, 'MINA_OIDC_TOKEN_AUTH', ['client_secret_basic', 'client_secret_post'] as const, 'client_secret_basic', problems),
    redirectUrl: url(env, 'MINA_OIDC_REDIRECT_URL', allowHttp ? ['https:', 'http:'] : ['https:'], problems),
    allowedDomains,
    defaultWorkspace: nonEmpty(env.MINA_OIDC_DEFAULT_WORKSPACE),
    defaultRole: oneOf(env, 'MINA_OIDC_DEFAULT_ROLE', OIDC_JIT_ROLES, 'member', problems),
    disableLocalPasswords: bool(env, 'MINA_OIDC_DISABLE_PASSWORDS', false, problems),
    requireVerifiedEmail: bool(env, 'MINA_OIDC_REQUIRE_VERIFIED_EMAIL', true, problems),
    allowHttp,
    label,
    stateTtlSeconds: integer(env, 'MINA_OIDC_STATE_TTL_SECONDS', 600, 30, 3600, problems),
    handoffTtlSeconds: integer(env, 'MINA_OIDC_HANDOFF_TTL_SECONDS', 60, 5, 600, problems),
    httpTimeoutSeconds: integer(env, 'MINA_OIDC_HTTP_TIMEOUT_SECONDS', 10, 1, 60, problems),
  };
}

/** In development the signing key is random per data dir and persisted, so tokens survive restarts. */
function developmentJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): MinaConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development', problems);
  const dataDir = resolve(nonEmpty(env.MINA_DATA_DIR) ?? './.data');

  let jwtSecret = nonEmpty(env.JWT_SECRET);
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (jwtSecret === undefined) {
    if (nodeEnv === 'production') problems.push('JWT_SECRET is required when NODE_ENV=production');
    else jwtSecret = developmentJwtSecret(dataDir);
  }

  let backupKey: Buffer | undefined;
  const rawBackupKey = nonEmpty(env.MINA_BACKUP_KEY);
  if (rawBackupKey !== undefined) {
    backupKey = Buffer.from(rawBackupKey, 'base64');
    if (backupKey.length !== 32) {
      problems.push('MINA_BACKUP_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)');
      backupKey = undefined;
    }
  }

  const adminEmail = nonEmpty(env.MINA_ADMIN_EMAIL);
  const adminPassword = nonEmpty(env.MINA_ADMIN_PASSWORD);
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('MINA_ADMIN_EMAIL and MINA_ADMIN_PASSWORD go together');
  }
  if (adminPassword !== undefined && adminPassword.length < 8) {
    problems.push('MINA_ADMIN_PASSWORD must be at least 8 characters');
  }

  const metricsToken = nonEmpty(env.MINA_METRICS_TOKEN);
  if (metricsToken !== undefined && metricsToken.length < 16) problems.push('MINA_METRICS_TOKEN must be at least 16 characters');

  const openaiApiKey = nonEmpty(env.OPENAI_API_KEY);
  const openaiBaseUrl = url(env, 'OPENAI_BASE_URL', ['http:', 'https:'], problems);
  const asrModel = nonEmpty(env.MINA_ASR_MODEL) ?? 'gpt-4o-transcribe';
  const llmModel = nonEmpty(env.MINA_LLM_MODEL) ?? 'gpt-4.1-mini';
  const chains = providerChains(env, { apiKey: openaiApiKey, baseUrl: openaiBaseUrl, llmModel, asrModel }, problems);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:'], problems);
  const config: MinaConfig = {
    env: nodeEnv,
    role: oneOf(env, 'MINA_ROLE', ['all', 'api', 'worker'] as const, 'all', problems),
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    dataDir,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems),
    pgliteDir: nonEmpty(env.MINA_PGLITE_DIR) === 'memory://' ? 'memory://' : resolve(nonEmpty(env.MINA_PGLITE_DIR) ?? join(dataDir, 'pg')),
    pgliteLockStaleMs: integer(env, 'MINA_PGLITE_LOCK_STALE_MS', 300_000, 2000, 3_600_000, problems),
    databaseReplicaUrls: (nonEmpty(env.DATABASE_REPLICA_URLS) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    redisUrl: redisUrl ?? 'redis://127.0.0.1:6379',
    redisUrlDefaulted: nonEmpty(env.REDIS_URL) === undefined,
    redisPrefix: nonEmpty(env.MINA_REDIS_PREFIX) ?? 'mina',
    openaiApiKey,
    openaiBaseUrl,
    asrModel,
    llmModel,
    llmProviders: chains.llm,
    asrProviders: chains.asr,
    asrMode: oneOf(env, 'MINA_ASR_MODE', ['windowed', 'realtime'] as const, 'windowed', problems),
    asrInterims: bool(env, 'MINA_ASR_INTERIMS', true, problems),
    adminEmail,
    adminPassword,
    jwtSecret: jwtSecret ?? '',
    accessTokenTtlSeconds: integer(env, 'MINA_ACCESS_TOKEN_TTL', 15 * 60, 10, 24 * 3600, problems),
    refreshTokenTtlSeconds: integer(env, 'MINA_REFRESH_TOKEN_TTL', 30 * 24 * 3600, 60, 365 * 24 * 3600, problems),
    corsOrigins: (nonEmpty(env.CORS_ORIGINS) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: nonEmpty(env.TRUST_PROXY) ?? 'loopback',
    sentryDsn: url(env, 'SENTRY_DSN', ['http:', 'https:'], problems),
    backupDir: resolve(nonEmpty(env.MINA_BACKUP_DIR) ?? join(dataDir, 'backups')),
    backupKey,
    recordingsDir: resolve(nonEmpty(env.MINA_RECORDINGS_DIR) ?? join(dataDir, 'recordings')),
    registrationEnabled: bool(env, 'MINA_REGISTRATION', true, problems),
    bodyLimitBytes: integer(env, 'MINA_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024, problems),
    importMaxBytes: integer(env, 'MINA_IMPORT_MAX_BYTES', 10 * 1024 * 1024, 1024, 256 * 1024 * 1024, problems),
    importMaxSegments: integer(env, 'MINA_IMPORT_MAX_SEGMENTS', 20_000, 1, 1_000_000, problems),
    importMaxDurationMs: integer(env, 'MINA_IMPORT_MAX_HOURS', 12, 1, 48, problems) * 3_600_000,
    jsonMaxDepth: integer(env, 'MINA_JSON_MAX_DEPTH', 32, 4, 1000, problems),
    loginFailuresPerMinute: integer(env, 'MINA_LOGIN_FAILURES_PER_MINUTE', 10, 1, 10_000, problems),
    apiRateLimitPerMinute: integer(env, 'MINA_API_RATE_LIMIT', 6000, 1, 10_000_000, problems),
    authLimits: {
      accountFailuresPerMinute: integer(env, 'MINA_LOGIN_ACCOUNT_FAILURES_PER_MINUTE', 30, 1, 100_000, problems),
      clientFailuresPerMinute: integer(env, 'MINA_LOGIN_CLIENT_FAILURES_PER_MINUTE', 300, 1, 1_000_000, problems),
      registrationsPerClientPerHour: integer(env, 'MINA_REGISTRATIONS_PER_CLIENT_PER_HOUR', 20, 1, 1_000_000, problems),
      registrationsPerMinute: integer(env, 'MINA_REGISTRATIONS_PER_MINUTE', 60, 1, 1_000_000, problems),
      hashConcurrency: integer(env, 'MINA_PASSWORD_HASH_CONCURRENCY', Math.max(2, availableParallelism()), 1, 256, problems),
      hashQueue: integer(env, 'MINA_PASSWORD_HASH_QUEUE', 64, 0, 100_000, problems),
      hashWaitMs: integer(env, 'MINA_PASSWORD_HASH_WAIT_MS', 3000, 0, 60_000, problems),
    },
    authCacheMs: integer(env, 'MINA_AUTH_CACHE_MS', 2000, 0, 60_000, problems),
    pipeline: pipelineTuning(env, problems),
    socket: socketConfig(env, problems),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info', problems),
    adminDistDir: resolve(nonEmpty(env.MINA_ADMIN_DIST) ?? 'admin/dist'),
    limits: quotaLimits(env, problems),
    metricsToken,
    metricsPort: nonEmpty(env.MINA_METRICS_PORT) === undefined ? undefined : integer(env, 'MINA_METRICS_PORT', 0, 0, 65535, problems),
    metricsPublic: bool(env, 'MINA_METRICS_PUBLIC', false, problems),
    docs: oneOf(env, 'MINA_DOCS', ['public', 'full', 'off'] as const, 'public', problems),
    registerMinMs: integer(env, 'MINA_REGISTER_MIN_MS', 300, 0, 10_000, problems),
    invitationTtlSeconds: integer(env, 'MINA_INVITATION_TTL', 7 * 24 * 3600, 60, 90 * 24 * 3600, problems),
    // Playback (recordings)
    audioUrlTtlSeconds: integer(env, 'MINA_AUDIO_URL_TTL_SECONDS', 900, 10, 24 * 3600, problems),
    // Audio decoding (codec)
    ffmpegPath: nonEmpty(env.MINA_FFMPEG_PATH) ?? 'ffmpeg',
    ffprobePath: nonEmpty(env.MINA_FFPROBE_PATH) ?? 'ffprobe',
    recordingsFormat: oneOf(env, 'MINA_RECORDINGS_FORMAT', ['auto', 'flac', 'wav'] as const, 'auto', problems),
    // Resumable uploads
    uploadsDir: resolve(nonEmpty(env.MINA_UPLOADS_DIR) ?? join(dataDir, 'uploads')),
    uploadMaxBytes: integer(env, 'MINA_UPLOAD_MAX_BYTES', 2 * 1024 ** 3, 1024, Number.MAX_SAFE_INTEGER, problems),
    uploadMaxDurationMs: integer(env, 'MINA_UPLOAD_MAX_DURATION_HOURS', 6, 1, 48, problems) * 3_600_000,
    uploadsInFlightPerUser: integer(env, 'MINA_UPLOADS_IN_FLIGHT_PER_USER', 3, 1, 10_000, problems),
    uploadsInFlightPerWorkspace: integer(env, 'MINA_UPLOADS_IN_FLIGHT_PER_WORKSPACE', 10, 1, 100_000, problems),
    uploadExpireMs: integer(env, 'MINA_UPLOAD_EXPIRE_HOURS', 24, 1, 24 * 90, problems) * 3_600_000,
    // Live audio kept (recordings)
    liveAudioPartSeconds: integer(env, 'MINA_LIVE_AUDIO_PART_SECONDS', 15, 1, 600, problems),
    // Recording storage (S3-compatible) and retention.
    ...s3Config(env, problems),
    retentionSweepMinutes: integer(env, 'MINA_RETENTION_SWEEP_MINUTES', 60, 1, 7 * 24 * 60, problems),
    // Transcription of stored recordings.
    recordingWorkers: integer(env, 'MINA_RECORDING_WORKERS', 2, 1, 64, problems),
    fileAsrConcurrency: integer(env, 'MINA_FILE_ASR_CONCURRENCY', 4, 1, 64, problems),
    fileAsrAttempts: integer(env, 'MINA_FILE_ASR_ATTEMPTS', 8, 1, 1_000, problems),
    recordingAttempts: integer(env, 'MINA_RECORDING_ATTEMPTS', 5, 1, 100, problems),
    recordingBackoffMs: integer(env, 'MINA_RECORDING_BACKOFF_MS', 10_000, 100, 3_600_000, problems),
    // Personal API keys (integrations)
    apiKeyMaxDays: integer(env, 'MINA_API_KEY_MAX_DAYS', 365, 0, 3650, problems),
    apiKeysPerUser: integer(env, 'MINA_MAX_API_KEYS_PER_USER', 20, 1, 1000, problems),
    // Single sign-on (OpenID Connect)
    oidc: oidcConfig(env, problems),
    // Retention policies.
    retentionTranscriptDays: nonEmpty(env.MINA_RETENTION_TRANSCRIPT_DAYS) === undefined ? null : integer(env, 'MINA_RETENTION_TRANSCRIPT_DAYS', 0, 1, 36_500, problems),
    retentionAudioDays: nonEmpty(env.MINA_RETENTION_AUDIO_DAYS) === undefined ? null : integer(env, 'MINA_RETENTION_AUDIO_DAYS', 0, 1, 36_500, problems),
    retentionKeepTasks: bool(env, 'MINA_RETENTION_KEEP_TASKS', true, problems),
    retentionRunHours: integer(env, 'MINA_RETENTION_RUN_HOURS', 24, 1, 24 * 7, problems),
    retentionBatch: integer(env, 'MINA_RETENTION_BATCH', 50, 1, 5_000, problems),
    // Audit log
    auditExportMaxRows: integer(env, 'MINA_AUDIT_EXPORT_MAX_ROWS', 100_000, 1, 1_000_000, problems),
    // Signed webhooks.
    webhooks: {
      allowPrivateNetworks: bool(env, 'MINA_WEBHOOKS_ALLOW_PRIVATE_NETWORKS', false, problems),
      maxPerWorkspace: integer(env, 'MINA_MAX_WEBHOOKS_PER_WORKSPACE', 20, 1, 1_000, problems),
      attempts: integer(env, 'MINA_WEBHOOK_ATTEMPTS', 8, 1, 50, problems),
      backoffMs: integer(env, 'MINA_WEBHOOK_BACKOFF_MS', 5_000, 10, 3_600_000, problems),
      timeoutMs: integer(env, 'MINA_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000, problems),
      disableAfterFailures: integer(env, 'MINA_WEBHOOK_DISABLE_AFTER', 50, 1, 100_000, problems),
      concurrency: integer(env, 'MINA_WEBHOOK_CONCURRENCY', 8, 1, 256, problems),
    },
    // Exports (integrations)
    exportMaxConcurrent: integer(env, 'MINA_EXPORT_MAX_CONCURRENT', 2, 1, 64, problems),
    translationMaxChars: integer(env, 'MINA_TRANSLATION_MAX_CHARS', 400_000, 1_000, 10_000_000, problems),
    translationRatePerHour: integer(env, 'MINA_TRANSLATION_RATE_PER_HOUR', 30, 1, 100_000, problems),
    // Live copilot
    copilot: {
      enabled: bool(env, 'MINA_COPILOT_ENABLED', true, problems),
      intervalSeconds: integer(env, 'MINA_COPILOT_INTERVAL_SECONDS', 20, 1, 3600, problems),
      maxChars: integer(env, 'MINA_COPILOT_MAX_CHARS', 6000, 200, 200_000, problems),
      maxItemsPerSession: integer(env, 'MINA_COPILOT_MAX_ITEMS', 200, 1, 10_000, problems),
    },
    ask: askConfig(env, problems),
    // Summary templates and vocabulary.
    templates: {
      maxPerWorkspace: integer(env, 'MINA_MAX_TEMPLATES_PER_WORKSPACE', 50, 1, 1_000, problems),
      maxSections: integer(env, 'MINA_TEMPLATE_MAX_SECTIONS', 12, 1, 50, problems),
      vocabularyMaxTerms: integer(env, 'MINA_VOCABULARY_MAX_TERMS', 200, 1, 1_000, problems),
      vocabularyMaxTermChars: integer(env, 'MINA_VOCABULARY_MAX_TERM_CHARS', 100, 2, 100, problems),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The config with secrets masked, for the start-up log line. */
export function redactedConfig(config: MinaConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      SENSITIVE_KEYS.has(key as keyof MinaConfig) && value !== undefined ? '[redacted]' : value,
    ]),
  );
}
