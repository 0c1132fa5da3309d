/** `GET /api/sessions/:id/export?format=` */
export const SESSION_EXPORT_FORMATS = ['pdf', 'docx', 'md', 'txt', 'json', 'srt', 'vtt'] as const;
/** `GET /api/meetings/:id/export?format=`: subtitles are per session. */
export const MEETING_EXPORT_FORMATS = ['pdf', 'docx', 'md', 'txt', 'json'] as const;
export const SUBTITLE_FORMATS = ['srt', 'vtt'] as const;
export type ExportFormat = (typeof SESSION_EXPORT_FORMATS)[number];
