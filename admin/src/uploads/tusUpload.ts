import { defaultOptions, DetailedError, Upload, type PreviousUpload } from 'tus-js-client';
import { getAccessToken } from '../providers/authClient';

export const ENDPOINT = '/api/uploads';
/** Bytes per PATCH: progress the server has stored survives a pause or a lost connection. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * The tus fingerprint (the key under which tus-js-client keeps the upload URL in localStorage):
 * per workspace and per file content, so that picking the same file again resumes its upload.
 */
export const tusFingerprint = (workspaceId: string, clientId: string) => `mina:${workspaceId}:${clientId}`;
const STORAGE_PREFIX = 'tus::mina:';

export interface UploadFields {
  file: File;
  workspaceId: string;
  clientId: string;
  title: string;
  meetingId: string;
  language: string;
  /** Continue this unfinished upload (the server named it) instead of creating one. */
  uploadUrl?: string;
}

export interface UploadFailure {
  status?: number;
  /** Mina's error code (ALREADY_UPLOADED, UPLOAD_TOO_LARGE, UPLOAD_LIMIT, …) or NETWORK. */
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface TusCallbacks {
  onProgress(sent: number, total: number): void;
  /** `sessionId` from the final PATCH's Mina-Session-Id header (absent when the upload was already complete). */
  onSuccess(sessionId: string | null): void;
  onError(failure: UploadFailure): void;
}

/** Bearer and workspace on every tus request, with a fresh token each time (long uploads outlive one). */
async function authorize(req: { setHeader(name: string, value: string): void }, workspaceId: string) {
  const token = await getAccessToken();
  if (token) req.setHeader('Authorization', `Bearer ${token}`);
  req.setHeader('X-Workspace-Id', workspaceId);
}

export function createTusUpload(fields: UploadFields, callbacks: TusCallbacks): Upload {
  const metadata: Record<string, string> = {
    filename: fields.file.name,
    filetype: fields.file.type || 'application/octet-stream',
    title: fields.title,
    clientId: fields.clientId,
  };
  if (fields.meetingId) metadata.meetingId = fields.meetingId;
  if (fields.language) metadata.language = fields.language;
  return new Upload(fields.file, {
    endpoint: ENDPOINT,
    uploadUrl: fields.uploadUrl ?? null,
    metadata,
    chunkSize: CHUNK_BYTES,
    retryDelays: [0, 1_000, 3_000, 5_000, 10_000],
    fingerprint: () => Promise.resolve(tusFingerprint(fields.workspaceId, fields.clientId)),
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onBeforeRequest: (req) => authorize(req, fields.workspaceId),
    onProgress: callbacks.onProgress,
    onSuccess: ({ lastResponse }) => callbacks.onSuccess(lastResponse.getHeader('Mina-Session-Id') ?? null),
    onError: (error) => callbacks.onError(failureOf(error)),
  });
}

export function failureOf(error: Error): UploadFailure {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  if (!response) return { code: 'NETWORK', message: error.message };
  let body: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = JSON.parse(response.getBody()) as typeof body;
  } catch {
    // A proxy's HTML error page: keep the status.
  }
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : typeof body.message === 'string'
      ? body.message
      : '';
  return {
    status: response.getStatus(),
    code: typeof body.code === 'string' ? body.code : `HTTP_${response.getStatus()}`,
    message: message || `HTTP ${response.getStatus()}`,
    details:
      typeof body.details === 'object' && body.details !== null
        ? (body.details as Record<string, unknown>)
        : undefined,
  };
}

/** Resumes from an upload URL kept from an earlier page (tus urlStorage), if any. */
export async function resumeIfKept(upload: Upload): Promise<boolean> {
  const previous = await upload.findPreviousUploads();
  const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
  if (!latest) return false;
  upload.resumeFromPreviousUpload(latest);
  return true;
}

export interface KeptUpload {
  urlStorageKey: string;
  clientId: string;
  uploadUrl: string;
  filename: string;
  title: string;
  meetingId: string;
  language: string;
  size: number | null;
  createdAt: string;
}

/** Uploads of this workspace interrupted on an earlier page (closed tab, reload), newest first. */
export async function keptUploads(workspaceId: string): Promise<KeptUpload[]> {
  const storage = defaultOptions.urlStorage;
  const prefix = `${STORAGE_PREFIX}${workspaceId}:`;
  const all: PreviousUpload[] = await storage.findAllUploads();
  return all
    .filter((p) => p.urlStorageKey.startsWith(prefix) && p.uploadUrl)
    .map((p) => ({
      urlStorageKey: p.urlStorageKey,
      clientId: p.urlStorageKey.slice(prefix.length).split('::')[0] ?? '',
      uploadUrl: p.uploadUrl!,
      filename: p.metadata.filename ?? '',
      title: p.metadata.title ?? '',
      meetingId: p.metadata.meetingId ?? '',
      language: p.metadata.language ?? '',
      size: p.size,
      createdAt: p.creationTime,
    }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** How many bytes of a kept upload the server holds: null when it no longer knows the upload. */
export async function keptOffset(kept: KeptUpload, workspaceId: string): Promise<number | null> {
  const headers = new Headers({ 'Tus-Resumable': '1.0.0', 'X-Workspace-Id': workspaceId });
  const token = await getAccessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(kept.uploadUrl, { method: 'HEAD', headers, cache: 'no-store' });
  if (res.status === 404 || res.status === 410) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const offset = Number(res.headers.get('Upload-Offset'));
  return Number.isFinite(offset) ? offset : null;
}

/** Forgets a kept upload here and asks the server to drop its partial bytes (tus termination, best effort). */
export async function forgetKept(kept: KeptUpload, workspaceId: string): Promise<void> {
  await defaultOptions.urlStorage.removeUpload(kept.urlStorageKey);
  await Upload.terminate(kept.uploadUrl, {
    onBeforeRequest: (req) => authorize(req, workspaceId),
    retryDelays: null,
  }).catch(() => undefined);
}

/** Drops the locally kept URL(s) of one file, e.g. once the server says it already has the recording. */
export async function forgetFingerprint(workspaceId: string, clientId: string): Promise<void> {
  const storage = defaultOptions.urlStorage;
  const entries = await storage.findUploadsByFingerprint(tusFingerprint(workspaceId, clientId));
  await Promise.all(entries.map((e) => storage.removeUpload(e.urlStorageKey)));
}
