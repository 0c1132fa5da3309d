/*
 * Exports (GET /api/sessions/:id/export?format=, GET /api/meetings/:id/export?format=): the
 * formats each accepts. An unknown one is EXPORT_FORMAT_UNKNOWN, its message listing them in this order.
 */

/** What a session exports as. */
export const EXPORT_FORMATS = ['txt', 'md', 'json', 'srt', 'vtt', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Subtitle formats are one timeline: a meeting offers its sessions one by one instead. */
export const SUBTITLE_FORMATS = ['srt', 'vtt'] as const satisfies readonly ExportFormat[];
export const MEETING_EXPORT_FORMATS = [
  'txt',
  'md',
  'json',
  'docx',
  'pdf',
] as const satisfies readonly ExportFormat[];
