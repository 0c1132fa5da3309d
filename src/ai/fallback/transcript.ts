/** A final transcript segment as the pipeline hands it to the insight stages. */
export interface TranscriptSegment {
  id: string;
  speaker: string | null;
  text: string;
  startMs: number;
  endMs: number;
  confidence?: number | null;
}

/** Display name for a diarization label; unnamed labels stay as they are so nothing is lost. */
export function speakerDisplayName(
  speaker: string | null,
  speakerNames: Readonly<Record<string, string>> = {},
): string | null {
  if (speaker === null) return null;
  return speakerNames[speaker] ?? speaker;
}
