import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TenantContext } from '#src/authz/tenant.js';
import { MinaException, notFound } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { PipelineEvents } from '#src/pipeline/pipeline-events.js';
import { jobOptions } from '#src/jobs/jobs.js';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import type { SessionStatus } from '#src/sessions/entities/session.entity.js';
import type { UploadState } from './entities/upload.entity.js';
import { UploadFiles } from './upload-files.js';
import { parseUploadMetadata } from './upload-metadata.js';
import { UploadsRepository, type UploadRow } from './uploads.repository.js';

/** Where an upload lives over tus; a client resumes an unfinished one there. */
export const uploadUrl = (id: string): string => `/api/uploads/${id}`;

/** `GET /api/uploads/check`: is this recording already on the server, and where. */
export interface UploadCheck {
  exists: boolean;
  sessionId?: string;
  status?: SessionStatus;
  uploadId?: string;
  uploadState?: UploadState;
  /** Only while the upload is unfinished: resume it there (HEAD for the offset, then PATCH). */
  uploadUrl?: string;
  offset?: number;
}

/** What settling a finished upload came to: its own session, or the one that already had its content. */
export interface Settled {
  sessionId: string;
  duplicate: boolean;
}

/**
 * The domain side of tus uploads: creation (session + upload row, limits, idempotency key),
 * per-upload authorization, progress, and settling a complete file (content hash, duplicate, queue).
 */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    private readonly repo: UploadsRepository,
    private readonly files: UploadFiles,
    private readonly queues: PipelineQueues,
    private readonly events: PipelineEvents,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  /** A tus creation: refused before any file exists when the metadata, size, limits or idempotency key say no. */
  async create(tenant: TenantContext, id: string, size: number | undefined, metadata: Record<string, string | null> | undefined): Promise<string> {
    const meta = parseUploadMetadata(metadata);
    if (size === undefined) throw new MinaException('UPLOAD_METADATA_INVALID', 'Send Upload-Length: uploads of unknown length are not accepted');
    if (size === 0) throw new MinaException('UPLOAD_METADATA_INVALID', 'The file is empty');
    if (size > this.config.uploadMaxBytes) throw tooLarge(this.config.uploadMaxBytes);
    const { uploadsInFlightPerUser: perUser, uploadsInFlightPerWorkspace: perWorkspace } = this.config;
    const sessionId = await this.repo.withWorkspaceLock(tenant.workspaceId, async () => {
      if (meta.clientId) {
        const earlier = await this.repo.byClientId(tenant.workspaceId, meta.clientId);
        // A failed upload (undecodable, expired) does not hold its key: the client may try again under it.
        if (earlier && earlier.state !== 'failed') throw alreadyUploaded(earlier, await this.files.offset(earlier.id));
        if (earlier) await this.repo.releaseClientId(earlier.id);
      }
      const inFlight = await this.repo.countInFlight(tenant.workspaceId, tenant.userId);
      if (inFlight.user >= perUser) throw uploadLimit(`You have ${perUser} uploads in progress, the most one user may have; finish or cancel one first`, 'user', perUser);
      if (inFlight.workspace >= perWorkspace) throw uploadLimit(`This workspace has ${perWorkspace} uploads in progress, the most it may have; try again when one is done`, 'workspace', perWorkspace);
      const meeting = meta.meetingId ? await this.repo.findMeeting(tenant.workspaceId, meta.meetingId) : null;
      if (meta.meetingId && !meeting) throw new MinaException('UPLOAD_METADATA_INVALID', 'Upload-Metadata meetingId names no meeting of this workspace');
      return this.repo.create({ id, workspaceId: tenant.workspaceId, userId: tenant.userId, sizeBytes: size, meta, meeting });
    });
    this.events.status(sessionId, 'uploading', { progress: 0 });
    return sessionId;
  }

  /** HEAD/PATCH/DELETE of an upload: only within its workspace; any other workspace gets 404, as if it did not exist. */
  async authorize(tenant: TenantContext, id: string): Promise<UploadRow> {
    const row = await this.repo.find(tenant.workspaceId, id);
    if (!row) throw notFound('Upload');
    if (row.state === 'failed' && row.errorCode === 'UPLOAD_EXPIRED') throw new MinaException('UPLOAD_EXPIRED', 'This upload received nothing for too long and was discarded; upload the file again');
    return row;
  }

  /** Bytes received so far (tus reports them about once a second while a PATCH streams, and once at its end). */
  async progress(id: string, offset: number): Promise<void> {
    const row = await this.repo.recordProgress(id, offset);
    if (row) this.events.status(row.sessionId, 'uploading', { progress: row.sizeBytes > 0 ? Math.min(1, offset / row.sizeBytes) : 0 });
  }

  /** What the file on disk says was received (after a PATCH ended, finished or not). */
  async recordOffset(id: string): Promise<void> {
    const offset = await this.files.offset(id);
    if (offset !== null) await this.progress(id, offset);
  }

  /** Every byte is in: hash the file and settle it (final PATCH, or the sweep for a finish that did not get through). */
  async finish(id: string): Promise<Settled> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Upload');
    if (row.state !== 'uploading') return { sessionId: row.sessionId, duplicate: row.state === 'duplicate' };
    return this.settle(row, await this.files.sha256(id));
  }

  /**
   * The same bytes already in this workspace (an earlier upload, a stored recording) resolve to
   * that session: this upload's own session is deleted and its file removed. Otherwise the
   * session is `queued` and a worker ingests the file.
   */
  private async settle(row: UploadRow, sha256: string): Promise<Settled> {
    const outcome = await this.repo.withWorkspaceLock(row.workspaceId, async (): Promise<Settled | null> => {
      const earlier = (await this.repo.bySha256(row.workspaceId, sha256))?.sessionId ?? (await this.repo.recordingWithSha256(row.workspaceId, sha256, row.sessionId));
      if (earlier && earlier !== row.sessionId) {
        if (!(await this.repo.moveUpload(row.id, ['uploading'], 'duplicate', { sha256, sessionId: earlier }))) return null;
        await this.repo.deleteSession(row.sessionId);
        return { sessionId: earlier, duplicate: true };
      }
      if (!(await this.repo.moveUpload(row.id, ['uploading'], 'received', { sha256 }))) return null;
      await this.repo.moveSession(row.sessionId, ['uploading'], 'queued', { upload: { filename: row.filename, sizeBytes: row.sizeBytes, receivedBytes: row.sizeBytes, progress: 1 } });
      return { sessionId: row.sessionId, duplicate: false };
    });
    if (!outcome) {
      // Settled meanwhile by another caller (the sweep, a concurrent finish): answer what it decided.
      const now = await this.repo.findById(row.id);
      return { sessionId: now?.sessionId ?? row.sessionId, duplicate: now?.state === 'duplicate' };
    }
    if (outcome.duplicate) {
      await this.files.remove(row.id);
      this.logger.log(`Upload ${row.id}: same content as session ${outcome.sessionId}; resolved to it`);
      return outcome;
    }
    this.events.status(row.sessionId, 'queued', { progress: 1 });
    await this.enqueue(row);
    return outcome;
  }

  /** Ids derive from the session: enqueuing twice (a retried finish, the sweep) is one job. */
  async enqueue(row: Pick<UploadRow, 'id' | 'sessionId' | 'workspaceId'>): Promise<void> {
    const data = { uploadId: row.id, sessionId: row.sessionId, workspaceId: row.workspaceId };
    await this.queues.queue('recordings').add('ingest-upload', data, jobOptions('ingest-upload', this.queues.settings, data));
  }

  /** A client cancelled (tus DELETE) an unfinished upload: nothing of it stays, neither file nor session. */
  async cancelled(id: string): Promise<void> {
    const row = await this.repo.findById(id);
    if (!row || row.state !== 'uploading') return;
    if (await this.repo.moveUpload(id, ['uploading'], 'failed', { errorCode: 'UPLOAD_CANCELLED', errorMessage: 'Cancelled by the client' })) {
      await this.repo.deleteSession(row.sessionId);
    }
  }

  async check(tenant: TenantContext, by: { clientId?: string; sha256?: string }): Promise<UploadCheck> {
    let row = by.clientId ? await this.repo.byClientId(tenant.workspaceId, by.clientId) : null;
    if (!row && by.sha256) row = await this.repo.bySha256(tenant.workspaceId, by.sha256.toLowerCase());
    if (!row && by.sha256) {
      const sessionId = await this.repo.recordingWithSha256(tenant.workspaceId, by.sha256.toLowerCase(), '00000000-0000-0000-0000-000000000000');
      const status = sessionId ? await this.repo.sessionStatus(sessionId) : null;
      return sessionId && status ? { exists: true, sessionId, status } : { exists: false };
    }
    if (!row) return { exists: false };
    const unfinished = row.state === 'uploading';
    return {
      exists: true,
      sessionId: row.sessionId,
      status: row.sessionStatus,
      uploadId: row.id,
      uploadState: row.state,
      ...(unfinished ? { uploadUrl: uploadUrl(row.id), offset: (await this.files.offset(row.id)) ?? row.receivedBytes } : {}),
    };
  }
}

export const tooLarge = (max: number): MinaException =>
  new MinaException('UPLOAD_TOO_LARGE', `The file is larger than ${max} bytes, the most an upload may be`, { maxBytes: max });

const uploadLimit = (message: string, scope: 'user' | 'workspace', limit: number): MinaException => new MinaException('UPLOAD_LIMIT', message, { scope, limit });

/**
 * A creation under a clientId the workspace already has: 409, and no second session. An
 * unfinished earlier upload is resumed at its uploadUrl (HEAD for the offset, then PATCH) rather
 * than started again; a finished one is simply there (details.sessionId).
 */
function alreadyUploaded(earlier: UploadRow, offset: number | null): MinaException {
  const unfinished = earlier.state === 'uploading';
  return new MinaException('ALREADY_UPLOADED', unfinished ? 'This recording is being uploaded already; resume that upload at details.uploadUrl' : 'This recording is on the server already', {
    sessionId: earlier.sessionId,
    status: earlier.sessionStatus,
    uploadId: earlier.id,
    uploadState: earlier.state,
    ...(unfinished ? { uploadUrl: uploadUrl(earlier.id), offset: offset ?? earlier.receivedBytes } : {}),
  });
}
