import type { Upload } from 'tus-js-client';
import { httpClient } from '../providers/httpClient';
import type { SessionStatus, SessionTranscription } from '../types';
import { isAudioFile, titleFromName } from './audioFiles';
import { fileClientId } from './fingerprint';
import { StatusFollower, type SessionProgress } from './statusFollower';
import {
  createTusUpload,
  forgetFingerprint,
  keptUploads,
  resumeIfKept,
  type UploadFailure,
} from './tusUpload';

/** The five stages of issue 13: on this computer, waiting for a slot, bytes moving, server at work, done. */
export const UPLOAD_STAGES = ['local', 'queued', 'uploading', 'processing', 'synced'] as const;
export type Stage = (typeof UPLOAD_STAGES)[number];

/** Uploads sending bytes at once; the rest wait in the client queue. */
export const PARALLEL_UPLOADS = 2;
/** After the server's UPLOAD_LIMIT (too many uploads in flight), try again this much later. */
const LIMIT_BACKOFF_MS = 15_000;

export interface UploadItem {
  key: string;
  file: File;
  workspaceId: string;
  title: string;
  meetingId: string;
  language: string;
  clientId?: string;
  stage: Stage;
  /** Fingerprinting the file and asking the server whether it already has it. */
  checking: boolean;
  paused: boolean;
  bytesSent: number;
  bytesTotal: number;
  /** The upload continues one interrupted earlier (this page, an earlier page, another browser). */
  resumed: boolean;
  /** The server's URL of this file's unfinished upload: tus continues there instead of creating one. */
  uploadUrl?: string;
  sessionId?: string;
  serverStatus?: SessionStatus;
  progress?: number | null;
  queuePosition?: number | null;
  /** Synced, but no words: the server kept the audio and says why it did not transcribe it. */
  transcription?: SessionTranscription;
  /** The server already has this recording: no second upload. */
  duplicate?: { sessionId: string; status?: string };
  error?: UploadFailure;
  /** Waiting out UPLOAD_LIMIT until then (epoch ms). */
  retryAt?: number;
}

export type Fields = Pick<UploadItem, 'title' | 'meetingId' | 'language'>;

/** GET /api/uploads/check; an unfinished upload (uploadState "uploading") is resumed, not refused. */
interface Check {
  exists: boolean;
  sessionId?: string;
  status?: string;
  uploadState?: string;
  uploadUrl?: string;
}

let nextKey = 1;

/**
 * The page's upload queue. It lives at module level, not in a component: uploads go on while the
 * user looks at other console pages, and a reload resumes them from tus's stored URLs.
 */
export class UploadQueue {
  private items: readonly UploadItem[] = [];
  private readonly uploads = new Map<string, Upload>();
  private readonly listeners = new Set<() => void>();
  private readonly follower = new StatusFollower((u) => this.applyProgress(u));
  private wake: ReturnType<typeof setTimeout> | undefined;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  snapshot = () => this.items;

  /** Adds audio files (stage local) and refuses the rest, returning their names. */
  add(files: File[], workspaceId: string): string[] {
    const refused = files.filter((f) => !isAudioFile(f)).map((f) => f.name);
    const added = files.filter(isAudioFile).map<UploadItem>((file) => ({
      key: `u${nextKey++}`,
      file,
      workspaceId,
      title: titleFromName(file.name),
      meetingId: '',
      language: '',
      stage: 'local',
      checking: true,
      paused: false,
      bytesSent: 0,
      bytesTotal: file.size,
      resumed: false,
    }));
    this.items = [...this.items, ...added];
    this.emit();
    for (const item of added) void this.identify(item.key);
    return refused;
  }

  edit(key: string, fields: Partial<Fields>): void {
    this.patch(key, fields);
  }

  /** Queues every local file that may go (or just `key`). */
  send(key?: string): void {
    for (const item of this.items) {
      if (key !== undefined && item.key !== key) continue;
      // Files still being fingerprinted wait in the queue for their check (pump skips them).
      if (item.stage !== 'local' || item.duplicate || !item.title.trim()) continue;
      this.patch(item.key, { stage: 'queued', error: undefined });
    }
    this.pump();
  }

  pause(key: string): void {
    const item = this.find(key);
    if (!item || (item.stage !== 'queued' && item.stage !== 'uploading')) return;
    this.patch(key, { paused: true });
    // Keeps the upload URL (and the server's bytes): resume continues from there.
    void this.uploads.get(key)?.abort(false);
    this.pump();
  }

  resume(key: string): void {
    const item = this.find(key);
    if (!item?.paused) return;
    this.patch(key, { paused: false, stage: 'queued' });
    this.pump();
  }

  /** After an error: back into the queue (the upload resumes from the server's offset). */
  retry(key: string): void {
    const item = this.find(key);
    if (!item?.error || item.stage === 'processing' || item.stage === 'synced') return;
    this.patch(key, { error: undefined, stage: 'queued', paused: false, retryAt: undefined });
    this.pump();
  }

  /** Off the list; an unfinished upload is abandoned and the server asked to drop its partial bytes. */
  remove(key: string): void {
    const item = this.find(key);
    if (!item) return;
    const upload = this.uploads.get(key);
    this.uploads.delete(key);
    if (upload && item.stage !== 'processing' && item.stage !== 'synced') {
      void upload
        .abort(true)
        .catch(() => (item.clientId ? forgetFingerprint(item.workspaceId, item.clientId) : undefined));
    }
    this.items = this.items.filter((x) => x.key !== key);
    this.emit();
    this.pump();
  }

  /** Finished and duplicate items leave the list (the recordings list keeps them). */
  clearDone(): void {
    this.items = this.items.filter((x) => x.stage !== 'synced' && !x.duplicate);
    this.emit();
  }

  /** The fingerprint, fields kept from an interrupted upload of the same file, and the duplicate check. */
  private async identify(key: string): Promise<void> {
    const item = this.find(key);
    if (!item) return;
    try {
      const clientId = await fileClientId(item.file);
      const kept = (await keptUploads(item.workspaceId)).find((k) => k.clientId === clientId);
      // The interrupted upload's details come back, unless the user already changed them here.
      const now = this.find(key);
      const untouched = now && now.title === titleFromName(now.file.name) && !now.meetingId && !now.language;
      const fields =
        kept && untouched
          ? {
              title: kept.title || now.title,
              meetingId: kept.meetingId,
              language: kept.language,
              resumed: true,
            }
          : { resumed: Boolean(kept) };
      this.patch(key, { clientId, ...fields });
      await this.checkDuplicate(key, clientId);
      this.patch(key, { checking: false });
    } catch (error) {
      this.patch(key, {
        checking: false,
        error: { code: 'CHECK_FAILED', message: error instanceof Error ? error.message : String(error) },
      });
    }
    this.pump();
  }

  /** Asks the server before sending: true when it already has this recording. */
  private async checkDuplicate(key: string, clientId: string): Promise<boolean> {
    const item = this.find(key);
    if (!item) return false;
    const { json } = await httpClient(`/api/uploads/check?clientId=${encodeURIComponent(clientId)}`, {
      headers: new Headers({ Accept: 'application/json', 'X-Workspace-Id': item.workspaceId }),
    });
    const check = json as Check;
    if (check.exists && check.uploadState === 'uploading' && check.uploadUrl) {
      this.patch(key, { uploadUrl: check.uploadUrl, resumed: true });
      return false;
    }
    if (!check.exists || !check.sessionId) return false;
    this.markDuplicate(key, check.sessionId, check.status);
    return true;
  }

  private markDuplicate(key: string, sessionId: string, status?: string): void {
    const item = this.find(key);
    if (item?.clientId) void forgetFingerprint(item.workspaceId, item.clientId);
    this.uploads.delete(key);
    this.patch(key, { duplicate: { sessionId, status }, stage: 'local', error: undefined, paused: false });
  }

  private pump(): void {
    clearTimeout(this.wake);
    const now = Date.now();
    const running = this.items.filter((x) => x.stage === 'uploading' && !x.paused && !x.error).length;
    const ready = this.items.filter(
      (x) => x.stage === 'queued' && !x.paused && !x.checking && !x.error && (x.retryAt ?? 0) <= now,
    );
    for (const item of ready.slice(0, Math.max(0, PARALLEL_UPLOADS - running))) void this.run(item.key);
    const later = this.items
      .filter((x) => x.stage === 'queued' && x.retryAt && x.retryAt > now)
      .map((x) => x.retryAt!);
    if (later.length) this.wake = setTimeout(() => this.pump(), Math.min(...later) - now + 50);
  }

  private async run(key: string): Promise<void> {
    this.patch(key, { stage: 'uploading', retryAt: undefined });
    const existing = this.uploads.get(key);
    if (existing) return existing.start();
    try {
      const item = this.find(key)!;
      const clientId = item.clientId ?? (await fileClientId(item.file));
      this.patch(key, { clientId });
      // Checked again right before sending: the file may have been uploaded from elsewhere meanwhile.
      if (await this.checkDuplicate(key, clientId)) return this.pump();
    } catch (error) {
      return this.fail(key, {
        code: 'CHECK_FAILED',
        message: error instanceof Error ? error.message : String(error),
      });
    }
    const current = this.find(key);
    if (!current || current.paused) return;
    const upload = createTusUpload(
      {
        file: current.file,
        workspaceId: current.workspaceId,
        clientId: current.clientId!,
        title: current.title.trim(),
        meetingId: current.meetingId,
        language: current.language,
        uploadUrl: current.uploadUrl,
      },
      {
        onProgress: (sent, total) => this.patch(key, { bytesSent: sent, bytesTotal: total }),
        onSuccess: (sessionId) => void this.uploaded(key, sessionId),
        onError: (failure) => this.fail(key, failure),
      },
    );
    this.uploads.set(key, upload);
    if (!current.uploadUrl && (await resumeIfKept(upload))) this.patch(key, { resumed: true });
    if (this.find(key)?.paused || !this.uploads.has(key)) return;
    upload.start();
  }

  private async uploaded(key: string, sessionId: string | null): Promise<void> {
    this.uploads.delete(key);
    const item = this.find(key);
    if (!item) return;
    // tus forgets the URL it used; one kept by an earlier page (resumed by the server's uploadUrl) goes too.
    if (item.clientId) void forgetFingerprint(item.workspaceId, item.clientId);
    let id = sessionId;
    if (!id) {
      // Resumed an upload the server had already completed: it knows the session by clientId.
      const { json } = await httpClient(`/api/uploads/check?clientId=${encodeURIComponent(item.clientId!)}`, {
        headers: new Headers({ Accept: 'application/json', 'X-Workspace-Id': item.workspaceId }),
      }).catch(() => ({ json: {} as Check }));
      id = (json as Check).sessionId ?? null;
    }
    this.patch(key, {
      stage: 'processing',
      bytesSent: item.bytesTotal,
      sessionId: id ?? undefined,
      serverStatus: 'queued',
    });
    if (id) this.follower.watch(id);
    this.pump();
  }

  private fail(key: string, failure: UploadFailure): void {
    const item = this.find(key);
    if (!item) return;
    const unfinishedAt = failure.details?.uploadState === 'uploading' ? failure.details.uploadUrl : undefined;
    if (
      failure.code === 'ALREADY_UPLOADED' &&
      typeof unfinishedAt === 'string' &&
      unfinishedAt !== item.uploadUrl
    ) {
      // Being uploaded already (another tab or browser, or an upload this page lost): continue that one.
      this.uploads.delete(key);
      this.patch(key, { stage: 'queued', uploadUrl: unfinishedAt, resumed: true, error: undefined });
    } else if (failure.code === 'ALREADY_UPLOADED' && typeof failure.details?.sessionId === 'string') {
      const status = failure.details.status;
      this.markDuplicate(key, failure.details.sessionId, typeof status === 'string' ? status : undefined);
    } else if (failure.code === 'UPLOAD_LIMIT') {
      // The server takes a bounded number of uploads at once: wait for a turn instead of failing.
      this.uploads.delete(key);
      this.patch(key, { stage: 'queued', retryAt: Date.now() + LIMIT_BACKOFF_MS, error: undefined });
    } else {
      this.patch(key, { error: failure });
    }
    this.pump();
  }

  private applyProgress(update: SessionProgress): void {
    const item = this.items.find((x) => x.sessionId === update.sessionId);
    if (!item) return;
    const reason = update.session?.stats?.error;
    const transcription = update.session?.transcription;
    this.patch(item.key, {
      serverStatus: update.status,
      progress: update.progress ?? (update.status === 'transcribing' ? item.progress : null),
      queuePosition: update.queuePosition ?? null,
      stage: update.status === 'completed' ? 'synced' : 'processing',
      transcription: transcription ?? (update.session ? undefined : item.transcription),
      error:
        update.status === 'error'
          ? { code: 'SESSION_ERROR', message: typeof reason === 'string' && reason ? reason : '' }
          : undefined,
    });
  }

  private find(key: string): UploadItem | undefined {
    return this.items.find((x) => x.key === key);
  }

  private patch(key: string, patch: Partial<UploadItem>): void {
    let changed = false;
    this.items = this.items.map((x) => {
      if (x.key !== key) return x;
      changed = true;
      return { ...x, ...patch };
    });
    if (changed) this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const uploadQueue = new UploadQueue();
