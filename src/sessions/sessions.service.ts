import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { assertCan } from '../authz/assert-can.js';
import type { TenantContext } from '../authz/tenant.js';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException, notFound, quotaExceeded } from '../common/mina.exception.js';
import { MINA_CONFIG } from '../config/config.module.js';
import type { MinaConfig } from '../config/config.js';
import { acceptRepresentation } from '../common/read-only.js';
import type { CreateMarkerDto, CreateSessionDto, UpdateMarkerDto } from './dto/session.dto.js';
import type { Meeting } from '../meetings/entities/meeting.entity.js';
import { Marker } from './entities/marker.entity.js';
import { Segment } from './entities/segment.entity.js';
import { TranscriptionSession, type SessionTranscription } from './entities/session.entity.js';
import { FinalizeHooks } from './finalize-hooks.js';
import { PIPELINE_LAUNCHER, type PipelineLauncher } from './pipeline-launcher.js';
import { SessionsRepository } from './sessions.repository.js';
import type * as Views from '@mina/contract/views';

export type SessionView = Views.SessionView<Date>;

export type SegmentView = Views.SegmentView;

export interface MarkerView {
  id: string;
  sessionId: string;
  userId: string;
  type: Marker['type'];
  content: string;
  atMs: number;
  speaker: string | null;
  createdAt: Date;
}

/** Not endedAt - startedAt: a session finalized late (by the abandoned-session sweep, or days after it was recorded) did not last that long. */
export function recordedMs(s: Pick<TranscriptionSession, 'stats' | 'transcriptEndMs'>): number | null {
  const audio = Number(s.stats.audioMs);
  if (Number.isFinite(audio) && audio > 0) return Math.round(audio);
  const transcript = s.transcriptEndMs === null || s.transcriptEndMs === undefined ? NaN : Number(s.transcriptEndMs);
  return Number.isFinite(transcript) ? Math.round(transcript) : null;
}

export const toSessionView = (s: TranscriptionSession): SessionView => ({
  id: s.id,
  title: s.title ?? null,
  status: s.status,
  source: s.source,
  language: s.language ?? null,
  meetingId: s.meeting?.id ?? null,
  userId: s.user.id,
  startedAt: s.startedAt ?? null,
  endedAt: s.endedAt ?? null,
  durationMs: recordedMs(s),
  stats: s.stats,
  speakerNames: s.speakerNames,
  createdAt: s.createdAt,
  ...(s.transcription ? { transcription: s.transcription } : {}),
  ...(s.status === 'error' && s.stats.error ? { error: s.stats.error } : {}),
  ...(s.contentDeleted ? { contentDeleted: s.contentDeleted } : {}),
  legalHold: Boolean(s.legalHold),
  legalHoldReason: s.legalHold?.reason ?? null,
  legalHoldAt: s.legalHold?.at ?? null,
  legalHoldBy: s.legalHold?.by ?? null,
});

/** Segments carry the diarization label; the display name comes from the session's renames. */
export const toSegmentView = (s: Segment, names: Record<string, string>): SegmentView => ({
  id: s.id,
  seq: s.seq,
  kind: s.kind,
  text: s.text,
  refinedText: s.refinedText ?? null,
  speaker: s.speaker ? (names[s.speaker] ?? s.speaker) : null,
  speakerLabel: s.speaker ?? null,
  startMs: s.startMs,
  endMs: s.endMs,
  confidence: s.confidence ?? null,
  language: s.language ?? null,
});

const toMarkerView = (m: Marker): MarkerView => ({
  id: m.id,
  sessionId: m.session.id,
  userId: m.user.id,
  type: m.type,
  content: m.content,
  atMs: m.atMs,
  speaker: m.speaker ?? null,
  createdAt: m.createdAt,
});

const speakerQuota = (limit: number): MinaException =>
  quotaExceeded('speakersPerSession', limit, `A session keeps at most ${limit} speaker names`);

/** `transcribe`: kept audio was transcribed later (POST /transcribe); `import`: a transcript made elsewhere; `upload`: an uploaded recording stored. */
export type FinalizeReason = 'user' | 'abandoned' | 'transcribe' | 'import' | 'upload';

export interface FinalizeResult {
  id: string;
  status: TranscriptionSession['status'];
  /** False when another caller (or an earlier call) already finalized it. */
  finalizedNow: boolean;
  /** Set when this call drained the live audio: true when every acked chunk was transcribed. */
  transcribed?: boolean;
  /** Set when the audio was kept untranscribed (no speech recognizer). */
  transcription?: SessionTranscription;
}

/** Statuses in which a session still has audio to drain before it is finalized. */
const TAKING_AUDIO: ReadonlySet<TranscriptionSession['status']> = new Set(['pending', 'recording', 'transcribing']);

@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly repo: SessionsRepository,
    private readonly hooks: FinalizeHooks,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    @Optional() @Inject(PIPELINE_LAUNCHER) private readonly pipeline?: PipelineLauncher,
  ) {}

  /**
   * The single finalization path (socket session:end, POST /finalize, the abandoned-session job).
   * A conditional UPDATE picks exactly one winner among concurrent callers; everyone gets the
   * same answer. A session still `processing` is handed to the pipeline again, which dedupes
   * by session, so a launch that failed (Redis down) is repaired by simply finalizing again.
   */
  async finalize(tenant: TenantContext, id: string, reason: FinalizeReason = 'user'): Promise<FinalizeResult> {
    const session = await this.load(tenant, id);
    assertCan(tenant.ability, 'finalize', 'Session', { userId: session.user.id });
    // Its kept audio is being fed through transcription: that work finalizes it when it is done.
    if (session.status === 'transcribing') throw new MinaException('INVALID_TRANSITION', 'This session is being transcribed; it is finalized when that is done');
    return this.finalizeLoaded(session, reason);
  }

  /**
   * For system callers that already hold the session (the abandoned-session sweep, transcription of
   * kept audio). `keptAudioMs`: an uploaded recording (`queued`) is stored but nothing can transcribe it.
   */
  async finalizeLoaded(session: TranscriptionSession, reason: FinalizeReason, options: { keptAudioMs?: number } = {}): Promise<FinalizeResult> {
    // Acked audio still in the spool is transcribed before the pipeline reads the segments.
    const drained = TAKING_AUDIO.has(session.status) ? await this.hooks.drain(session.id) : undefined;
    const ref = { id: session.id, workspaceId: session.workspace.id };
    // Nothing could transcribe it: the audio is kept, and the session says so instead of looking silent.
    let transcription: SessionTranscription | null | undefined;
    if (drained === 'no_asr') {
      const keptMs = await this.hooks.keep(ref);
      if (keptMs !== null) transcription = { state: 'not_transcribed', reason: 'NO_ASR', untranscribedAudioMs: keptMs };
    } else if (session.status === 'transcribing') {
      transcription = null;
    } else if (options.keptAudioMs !== undefined) {
      transcription = { state: 'not_transcribed', reason: 'NO_ASR', untranscribedAudioMs: options.keptAudioMs };
    }
    const finalizedNow = await this.repo.markProcessing(session.id, reason, transcription, options.keptAudioMs !== undefined ? ['queued'] : undefined);
    const status = finalizedNow ? 'processing' : await this.repo.statusOf(session.id);
    if (status === 'processing' && this.pipeline) {
      // Kept audio transcribed now: a new run of the pipeline, not the one that skipped its stages.
      await this.pipeline.launch(ref, { newRun: finalizedNow && session.status === 'transcribing' && Boolean(session.transcription) });
    } else if (status === 'processing') {
      this.logger.warn(`Session ${session.id} finalized but no pipeline is configured in this process`);
    }
    return {
      id: session.id,
      status: status ?? session.status,
      finalizedNow,
      ...(drained === undefined ? {} : { transcribed: drained === 'transcribed' }),
      ...(transcription ? { transcription } : {}),
    };
  }

  /**
   * Transcribes audio that was kept because no speech recognizer was configured, or an upload
   * whose transcription ended in `error`, through the live path (a queued job); the one
   * finalization then runs the pipeline on the transcript.
   */
  async transcribe(tenant: TenantContext, id: string): Promise<{ id: string; status: TranscriptionSession['status'] }> {
    const session = await this.load(tenant, id);
    assertCan(tenant.ability, 'finalize', 'Session', { userId: session.user.id });
    const failedUpload = session.source === 'upload' && session.status === 'error';
    if (!failedUpload && session.transcription?.state !== 'not_transcribed') {
      throw new MinaException('NOT_UNTRANSCRIBED', session.transcription ? 'This session is being transcribed already' : 'This session has no untranscribed audio');
    }
    const transcriber = this.hooks.transcriber;
    if (!transcriber?.asrConfigured) {
      throw new MinaException('ASR_NOT_CONFIGURED', 'No speech recognizer is configured: set OPENAI_API_KEY or OPENAI_BASE_URL and restart');
    }
    if (!(await transcriber.hasKept(session.id))) throw new MinaException('NO_KEPT_AUDIO', 'The audio of this session was not kept');
    if (!(await (failedUpload ? this.repo.markQueuedAgain(session.id) : this.repo.markTranscribing(session.id)))) {
      throw new MinaException('NOT_UNTRANSCRIBED', 'This session is still processing or is being transcribed already');
    }
    const ref = { id: session.id, workspaceId: session.workspace.id };
    try {
      await transcriber.start(ref);
    } catch (error) {
      // Not queued: the session says so and can be tried again.
      if (failedUpload) await this.repo.markRecordingFailed(session.id, { code: 'SERVICE_UNAVAILABLE', message: 'The transcription could not be queued' });
      else await this.repo.markNotTranscribedAgain(session.id);
      throw error;
    }
    return { id: session.id, status: failedUpload ? 'queued' : 'transcribing' };
  }

  /** A new session, refused while the caller or the workspace already has its quota of sessions not yet finalized. */
  async create(tenant: TenantContext, dto: CreateSessionDto): Promise<{ id: string }> {
    let meeting: Meeting | undefined;
    if (dto.meetingId) {
      meeting = (await this.repo.findMeeting(tenant.workspaceId, dto.meetingId)) ?? undefined;
      if (!meeting) throw new MinaException('VALIDATION_FAILED', 'meetingId names no meeting of this workspace');
    }
    const { liveSessionsPerUser, liveSessionsPerWorkspace } = this.config.limits;
    // One lock per workspace covers both counts: the user's live sessions here are a subset of the workspace's.
    return this.repo.withLock(`quota:sessions:${tenant.workspaceId}`, async () => {
      const live = await this.repo.countLive(tenant.workspaceId, tenant.userId);
      if (live.user >= liveSessionsPerUser) {
        throw quotaExceeded('liveSessionsPerUser', liveSessionsPerUser, `You have ${liveSessionsPerUser} sessions that are not finalized yet, the most one user may have; end one first`);
      }
      if (live.workspace >= liveSessionsPerWorkspace) {
        throw quotaExceeded('liveSessionsPerWorkspace', liveSessionsPerWorkspace, `This workspace has ${liveSessionsPerWorkspace} sessions that are not finalized yet, the most it may have; end one first`);
      }
      const session = this.repo.create(tenant.workspaceId, tenant.userId, { title: dto.title?.trim(), language: dto.language, meeting });
      if (meeting && !meeting.session) meeting.session = session;
      await this.repo.flush();
      return { id: session.id };
    });
  }

  async list(tenant: TenantContext, query: ListQuery): Promise<ListResult<SessionView>> {
    const page = await this.repo.list(tenant.workspaceId, query);
    return { total: page.total, items: page.items.map(toSessionView) };
  }

  async load(tenant: TenantContext, id: string): Promise<TranscriptionSession> {
    const session = await this.repo.findOne(tenant.workspaceId, id);
    if (!session) throw notFound('Session');
    return session;
  }

  async get(tenant: TenantContext, id: string): Promise<SessionView> {
    const session = await this.load(tenant, id);
    const view: SessionView = toSessionView(session);
    const recording = await this.hooks.recording?.({ id: session.id, workspaceId: tenant.workspaceId }).catch(() => undefined);
    if (recording) view.recording = recording;
    if (session.status !== 'queued' && session.status !== 'transcribing') return view;
    // Computed on read: the checkpoint's place in the recording, the job's place in the queue.
    const progress = await this.hooks.transcriber?.progress(session).catch(() => undefined);
    return { ...view, ...progress };
  }

  async segments(tenant: TenantContext, id: string): Promise<SegmentView[]> {
    const session = await this.load(tenant, id);
    const segments = await this.repo.segments(session.id);
    return segments.map((s) => toSegmentView(s, session.speakerNames));
  }

  /** Renames diarization labels for this session; names flow into segments, analytics and summaries on read. */
  async renameSpeakers(tenant: TenantContext, id: string, speakers: Record<string, string>): Promise<SessionView> {
    const session = await this.load(tenant, id);
    assertCan(tenant.ability, 'update', 'Session', { userId: session.user.id });
    const limit = this.config.limits.speakersPerSession;
    const renames = Object.entries(speakers);
    if (renames.length > limit) throw speakerQuota(limit);
    const names = { ...session.speakerNames };
    for (const [label, name] of renames) {
      if (typeof name !== 'string' || label.length > 100 || name.length > 100) {
        throw new MinaException('VALIDATION_FAILED', 'speakers maps labels to names of at most 100 characters');
      }
      if (name.trim() === '') delete names[label];
      else names[label] = name.trim();
    }
    // Names stored before the quota existed stay readable; only a change that ends above it is refused.
    if (Object.keys(names).length > limit && Object.keys(names).length > Object.keys(session.speakerNames).length) throw speakerQuota(limit);
    session.speakerNames = names;
    await this.repo.flush();
    return toSessionView(session);
  }

  async listMarkers(tenant: TenantContext, query: ListQuery): Promise<ListResult<MarkerView>> {
    const page = await this.repo.listMarkers(tenant.workspaceId, query);
    return { total: page.total, items: page.items.map(toMarkerView) };
  }

  async getMarker(tenant: TenantContext, id: string): Promise<MarkerView> {
    const marker = await this.repo.findMarker(tenant.workspaceId, id);
    if (!marker) throw notFound('Marker');
    return toMarkerView(marker);
  }

  async createMarker(tenant: TenantContext, dto: CreateMarkerDto): Promise<MarkerView> {
    const session = await this.repo.findOne(tenant.workspaceId, dto.sessionId);
    if (!session) throw new MinaException('VALIDATION_FAILED', 'sessionId names no session of this workspace');
    const limit = this.config.limits.markersPerSession;
    return this.repo.withLock(`quota:markers:${session.id}`, async () => {
      if ((await this.repo.countMarkers(session.id)) >= limit) {
        throw quotaExceeded('markersPerSession', limit, `A session holds at most ${limit} markers`);
      }
      const marker = this.repo.createMarker(session, tenant.userId, { type: dto.type, content: dto.content, atMs: dto.atMs, speaker: dto.speaker });
      await this.repo.flush();
      return toMarkerView(marker);
    });
  }

  async updateMarker(tenant: TenantContext, id: string, dto: UpdateMarkerDto): Promise<MarkerView> {
    const marker = await this.repo.findMarker(tenant.workspaceId, id);
    if (!marker) throw notFound('Marker');
    assertCan(tenant.ability, 'update', 'Marker', { userId: marker.user.id });
    acceptRepresentation(dto, toMarkerView(marker));
    if (dto.type !== undefined) marker.type = dto.type;
    if (dto.content !== undefined) marker.content = dto.content;
    await this.repo.flush();
    return toMarkerView(marker);
  }

  async removeMarker(tenant: TenantContext, id: string): Promise<void> {
    const marker = await this.repo.findMarker(tenant.workspaceId, id);
    if (!marker) throw notFound('Marker');
    assertCan(tenant.ability, 'delete', 'Marker', { userId: marker.user.id });
    this.repo.remove(marker);
    await this.repo.flush();
  }
}
