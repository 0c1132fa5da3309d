/**
 * Every error Mina raises on purpose carries a stable code. HTTP status and socket
 * error codes both derive from it, in one table.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  TRANSCRIPT_INVALID: 400,
  MALFORMED_BODY: 400,
  JSON_TOO_DEEP: 400,
  INVALID_CHARACTER: 400,
  READ_ONLY_FIELD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  REFRESH_TOKEN_REUSED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  WORKSPACE_REQUIRED: 400,
  UNKNOWN_SETTING: 400,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SLUG_TAKEN: 409,
  INVALID_TRANSITION: 409,
  DEPENDENCY_CYCLE: 409,
  LAST_OWNER: 409,
  QUOTA_EXCEEDED: 409,
  NOT_UNTRANSCRIBED: 409,
  NO_KEPT_AUDIO: 409,
  ASR_NOT_CONFIGURED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LIMIT_EXCEEDED: 429,
  REGISTRATION_DISABLED: 403,
  SERVICE_UNAVAILABLE: 503,
  /** Password hashing is at its concurrency bound and its queue is full: retry shortly. */
  AUTH_BUSY: 503,
  BACKUP_KEY_MISSING: 503,
  INTERNAL: 500,
  /** Uploads (tus): bad metadata, the clientId already used, over a limit, abandoned. */
  UPLOAD_METADATA_INVALID: 400,
  ALREADY_UPLOADED: 409,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_LIMIT: 429,
  UPLOAD_EXPIRED: 410,
  /** Playback (recordings): no audio for this session, not yet stored, a bad signed URL, a Range beyond the file. */
  RECORDING_NOT_FOUND: 404,
  RECORDING_NOT_READY: 409,
  RECORDING_DELETED: 410,
  AUDIO_URL_INVALID: 403,
  RANGE_NOT_SATISFIABLE: 416,
  /** Audio decoding (uploads): corrupt, not audio, too long, or a format that needs ffmpeg. */
  AUDIO_UNDECODABLE: 422,
  NOT_AUDIO: 422,
  AUDIO_TOO_LONG: 413,
  FFMPEG_MISSING: 415,
  /** Exports: a format the export does not write; the DOCX/PDF renderers are all busy (503 + Retry-After). */
  EXPORT_FORMAT_UNKNOWN: 400,
  EXPORT_BUSY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class MinaException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'MinaException';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string): MinaException => new MinaException('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this action'): MinaException =>
  new MinaException('FORBIDDEN', message);

/** A per-user or per-workspace quota from `MinaConfig.limits` would be exceeded; details say which and how far. */
export const quotaExceeded = (quota: string, limit: number, message: string): MinaException =>
  new MinaException('QUOTA_EXCEEDED', message, { quota, limit });
