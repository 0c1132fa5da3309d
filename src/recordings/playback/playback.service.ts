import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AuthCacheService } from '#src/auth/auth-cache.service.js';
import { defineAbilityFor } from '#src/authz/ability.factory.js';
import { effectiveRole } from '#src/authz/effective-role.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { forbidden, MinaException, notFound } from '#src/common/mina.exception.js';
import { isUuid } from '#src/common/uuid.pipe.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { FinalizeHooks, type RecordingSummary } from '#src/sessions/finalize-hooks.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { UsersRepository } from '#src/users/users.repository.js';
import { WorkspacesRepository } from '#src/workspaces/workspaces.repository.js';
import { AUDIO_STORE, PEAK_WINDOW_MS, type AudioStore } from '../audio-store.js';
import type { Recording } from '../entities/recording.entity.js';
import { RecordingPartsRepository } from '../live-audio/recording-parts.repository.js';
import { RecordingsRepository } from '../recordings.repository.js';
import type { BlobStat } from '../storage/blob-store.js';
import { AudioUrlSigner } from './audio-url-signer.js';
import type { ByteRange } from './byte-range.js';
import { downsamplePeaks } from './peaks.js';
import { deletedRecording, recordingBeingKept, whyNoRecording } from './recording-absence.js';
import type * as Views from '@mina/contract/views';

export type AudioMetadata = Views.AudioMetadata;

export type SignedQuery = Record<string, unknown>;

const first = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/** Which recording a caller may play (as a member, or through a signed URL), its signed URLs and its metadata. */
@Injectable()
export class PlaybackService implements OnModuleInit {
  private readonly logger = new Logger(PlaybackService.name);

  constructor(
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    private readonly signer: AudioUrlSigner,
    private readonly sessions: SessionsRepository,
    private readonly recordings: RecordingsRepository,
    private readonly parts: RecordingPartsRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly users: UsersRepository,
    private readonly cache: AuthCacheService,
    private readonly hooks: FinalizeHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.recording = (session) => this.summary(session.workspaceId, session.id);
  }

  /** Whether the session has a recording to play, or why not: the answer the audio routes would give, without a failed request. */
  async summary(workspaceId: string, sessionId: string): Promise<RecordingSummary> {
    try {
      const recording = await this.find(workspaceId, sessionId, false);
      return { available: true, durationMs: recording.durationMs, contentType: recording.contentType };
    } catch (error) {
      if (!(error instanceof MinaException)) throw error;
      const details = error.details ?? {};
      return {
        available: false,
        code: error.code,
        reason: typeof details.reason === 'string' ? details.reason : error.code,
        ...(typeof details.deletedAt === 'string' ? { deletedAt: details.deletedAt } : {}),
      };
    }
  }

  /** The recording of a session in the caller's workspace; another workspace's session is not found, like every session route. */
  forMember(tenant: TenantContext, sessionId: string, withPeaks = false): Promise<Recording> {
    if (!tenant.ability.can('read', 'Session')) throw forbidden();
    return this.find(tenant.workspaceId, sessionId, withPeaks);
  }

  /** The recording a signed URL names, once its signature, expiry and signer's access still hold. */
  async forSignedUrl(sessionId: string, query: SignedQuery, now = new Date()): Promise<Recording> {
    const grant = { sessionId, workspaceId: first(query.workspaceId) ?? '', userId: first(query.userId) ?? '' };
    const verdict = isUuid(grant.workspaceId) && isUuid(grant.userId) ? this.signer.verify(grant, first(query.expires), first(query.sig), now) : 'invalid';
    if (verdict !== 'ok') {
      this.logger.debug({ sessionId, verdict }, 'Signed audio URL refused');
      throw new MinaException('AUDIO_URL_INVALID', verdict === 'expired' ? 'This audio link has expired: ask for a new one' : 'This audio link is not valid');
    }
    if (!(await this.mayStillRead(grant.workspaceId, grant.userId))) {
      throw new MinaException('AUDIO_URL_INVALID', 'This audio link was made for someone who can no longer open this session');
    }
    return this.find(grant.workspaceId, sessionId, false);
  }

  /** A URL `<audio>` can use without headers, valid for MINA_AUDIO_URL_TTL_SECONDS; only for a recording that is there. */
  async signedUrl(tenant: TenantContext, sessionId: string, now = new Date()): Promise<{ url: string; expiresAt: string }> {
    await this.statFile(await this.forMember(tenant, sessionId));
    const expiresSec = Math.floor(now.getTime() / 1000) + this.config.audioUrlTtlSeconds;
    const grant = { sessionId, workspaceId: tenant.workspaceId, userId: tenant.userId };
    const expiresAt = new Date(expiresSec * 1000);
    const query = new URLSearchParams({ workspaceId: grant.workspaceId, userId: grant.userId, expires: String(expiresSec), sig: this.signer.sign(grant, expiresAt) });
    return { url: `/api/sessions/${sessionId}/audio?${query.toString()}`, expiresAt: expiresAt.toISOString() };
  }

  async metadata(tenant: TenantContext, sessionId: string, buckets: number): Promise<AudioMetadata> {
    const recording = await this.forMember(tenant, sessionId, true);
    const stat = await this.statFile(recording);
    const peaks = downsamplePeaks(recording.peaks, buckets);
    return {
      durationMs: recording.durationMs,
      contentType: recording.contentType,
      sizeBytes: stat.sizeBytes,
      sampleRate: recording.sampleRate,
      channels: recording.channels,
      format: recording.format,
      peaks,
      peakBucketMs: peaks.length ? (recording.peaks.length * PEAK_WINDOW_MS) / peaks.length : PEAK_WINDOW_MS,
    };
  }

  /** The stored file's size and validators; a row whose file is gone is said so, not served as an empty file. */
  async statFile(recording: Recording): Promise<BlobStat> {
    const stat = await this.store.stat(recording.path);
    if (stat) return stat;
    this.logger.error({ path: recording.path }, 'A recording row names a file the audio store does not have');
    throw new MinaException('RECORDING_NOT_FOUND', "This session's recording is missing from the audio store", { reason: 'FILE_MISSING' });
  }

  read(recording: Recording, range?: ByteRange): Promise<Readable> {
    return this.store.readBytes(recording.path, range);
  }

  private async find(workspaceId: string, sessionId: string, withPeaks: boolean): Promise<Recording> {
    const recording = await this.recordings.forSessionInWorkspace(workspaceId, sessionId, { withPeaks });
    if (recording?.deletedAt) throw deletedRecording(recording);
    if (recording) return recording;
    const session = await this.sessions.findOne(workspaceId, sessionId);
    if (!session) throw notFound('Session');
    if (session.source === 'live' && (await this.parts.forSession(sessionId)).length > 0) throw recordingBeingKept(session);
    throw whyNoRecording(session);
  }

  /** The signer is still active and may still read sessions of the workspace (as the tenant guard decides for Bearer calls). */
  private async mayStillRead(workspaceId: string, userId: string): Promise<boolean> {
    const user = this.cache.users.get(userId) ?? (await this.users.findById(userId));
    if (!user?.isActive) return false;
    const effective = await effectiveRole(this.workspaces, this.cache, workspaceId, { id: userId, isInstanceAdmin: user.isInstanceAdmin });
    return effective !== undefined && defineAbilityFor({ userId, isInstanceAdmin: user.isInstanceAdmin, role: effective }).can('read', 'Session');
  }
}
