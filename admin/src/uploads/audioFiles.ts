/** The recordings the server decodes (WAV, MP3, M4A/AAC, OGG/Opus, WebM/Opus, FLAC). */
export const AUDIO_EXTENSIONS = ['.wav', '.mp3', '.m4a', '.aac', '.ogg', '.opus', '.webm', '.flac'] as const;

/** For the file picker's `accept`. */
export const AUDIO_ACCEPT = ['audio/*', ...AUDIO_EXTENSIONS].join(',');

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
};

/**
 * An audio file by its type or its extension (browsers leave the type empty for some, e.g. .opus);
 * the server decodes the content and refuses what is not audio whatever its name.
 */
export function isAudioFile(file: Pick<File, 'name' | 'type'>): boolean {
  if (file.type.startsWith('audio/')) return true;
  return (AUDIO_EXTENSIONS as readonly string[]).includes(extensionOf(file.name));
}

/** "2024-05-02 Weekly sync.m4a" → "2024-05-02 Weekly sync". */
export function titleFromName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = (dot > 0 ? name.slice(0, dot) : name).replace(/[_]+/g, ' ').trim();
  return (base || name).slice(0, 300);
}
