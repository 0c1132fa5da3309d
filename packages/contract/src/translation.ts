/*
 * Translation of a session's transcript and summary (/api/sessions/:id/translations), and the
 * languages a workspace may choose for its summaries. Translations are made by the AI on request,
 * cached per session and language, and never faked: without an AI there is no translation.
 */

/** The languages Mina translates into and writes summaries in: BCP 47 code and English name. */
export const TRANSLATION_LANGUAGES = [
  { code: 'ar', name: 'Arabic' },
  { code: 'zh', name: 'Chinese' },
  { code: 'cs', name: 'Czech' },
  { code: 'da', name: 'Danish' },
  { code: 'nl', name: 'Dutch' },
  { code: 'en', name: 'English' },
  { code: 'fi', name: 'Finnish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'el', name: 'Greek' },
  { code: 'he', name: 'Hebrew' },
  { code: 'hi', name: 'Hindi' },
  { code: 'hu', name: 'Hungarian' },
  { code: 'id', name: 'Indonesian' },
  { code: 'it', name: 'Italian' },
  { code: 'ja', name: 'Japanese' },
  { code: 'ko', name: 'Korean' },
  { code: 'no', name: 'Norwegian' },
  { code: 'pl', name: 'Polish' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'ro', name: 'Romanian' },
  { code: 'ru', name: 'Russian' },
  { code: 'es', name: 'Spanish' },
  { code: 'sv', name: 'Swedish' },
  { code: 'th', name: 'Thai' },
  { code: 'tr', name: 'Turkish' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'vi', name: 'Vietnamese' },
] as const;

export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number]['code'];

export const isTranslationLanguage = (code: unknown): code is TranslationLanguage =>
  typeof code === 'string' && TRANSLATION_LANGUAGES.some((l) => l.code === code);

export const languageName = (code: string): string =>
  TRANSLATION_LANGUAGES.find((l) => l.code === code)?.name ?? code;

export const TRANSLATION_STATUSES = ['pending', 'running', 'ready', 'failed'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

/** POST /api/sessions/:id/translations. */
export interface TranslationInput {
  language: string;
}

export interface TranslatedItem {
  text: string;
  speaker?: string;
  atMs?: number;
}

export interface TranslatedSummary {
  overview: string;
  keyPoints: TranslatedItem[];
  decisions: TranslatedItem[];
  risks: TranslatedItem[];
  questions: TranslatedItem[];
}

/** GET /api/sessions/:id/translations (without `segments`/`summary`) and /:language (with them). */
export interface TranslationView {
  sessionId: string;
  language: string;
  status: TranslationStatus;
  /**
   * The texts held were made from an earlier transcript or summary: POST again to refresh them. They
   * stay (stale) while a newer translation is being made, and when that one fails.
   */
  stale: boolean;
  /** Why it failed (AI unavailable, the model left segments out…). */
  error: string | null;
  /** The provider's model that translated it. */
  model: string | null;
  /** Each final segment's translated text, by segment id (the segments' times and speakers are the session's). */
  segments?: { segmentId: string; text: string }[];
  /** Null when the session has no summary. */
  summary?: TranslatedSummary | null;
  createdAt: string;
  updatedAt: string;
}
