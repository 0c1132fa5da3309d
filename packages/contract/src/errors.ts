/**
 * Every error Mina raises on purpose carries a stable code, and the HTTP status it answers with.
 * Socket error codes are a subset (socket.ts); clients branch on the code, never on the message.
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
  /** Personal API keys: expired or revoked key, scope or workspace too narrow, an action that needs a real sign-in. */
  API_KEY_EXPIRED: 401,
  API_KEY_REVOKED: 401,
  API_KEY_SCOPE: 403,
  API_KEY_WORKSPACE: 403,
  API_KEY_NOT_ALLOWED: 403,
  /** Single sign-on (OpenID Connect): the sign-in failed at a step the code names (see src/auth/oidc/). */
  OIDC_NOT_CONFIGURED: 404,
  OIDC_PROVIDER_UNAVAILABLE: 503,
  OIDC_MISCONFIGURED: 503,
  OIDC_STATE_INVALID: 400,
  OIDC_CODE_INVALID: 400,
  OIDC_PROVIDER_ERROR: 400,
  OIDC_EMAIL_MISSING: 403,
  OIDC_EMAIL_NOT_VERIFIED: 403,
  OIDC_DOMAIN_NOT_ALLOWED: 403,
  OIDC_HANDOFF_INVALID: 401,
  /** The account signs in through SSO only (MINA_OIDC_DISABLE_PASSWORDS). */
  PASSWORD_LOGIN_DISABLED: 403,
  /** Retention: a meeting under legal hold cannot be deleted (release the hold first). */
  LEGAL_HOLD: 409,
  /** SSO: the account with this email is already linked to another subject at the same provider. */
  OIDC_ACCOUNT_CONFLICT: 409,
  /** Webhooks: a URL that is not http(s), too long or malformed; one pointing at a non-public address; an unknown event type; too many endpoints. */
  WEBHOOK_URL_INVALID: 400,
  WEBHOOK_URL_FORBIDDEN: 400,
  WEBHOOK_EVENT_UNKNOWN: 400,
  WEBHOOK_LIMIT: 409,
  /** Exports: a format the export does not write; the DOCX/PDF renderers are all busy (503 + Retry-After). */
  EXPORT_FORMAT_UNKNOWN: 400,
  EXPORT_BUSY: 503,
  /** Translation: a language Mina does not translate into; no AI to translate with (there is no local fallback); a session without a finished transcript. */
  TRANSLATION_LANGUAGE_UNKNOWN: 400,
  TRANSLATION_UNAVAILABLE: 503,
  NOTHING_TO_TRANSLATE: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
