/** Translation of a session and the workspace's summary language (mina.translation.*). */
export const translationMessages = {
  translation: {
    title: 'Translation',
    language: 'Language',
    translate: 'Translate',
    working: 'Translating…',
    in_progress: 'Translating into %{language}… this takes a moment for a long meeting.',
    not_yet: 'A session can be translated once its transcript is final.',
    unavailable:
      'No AI model is configured: Mina translates only with one, so there is no translation. Ask your administrator to set one up.',
    failed: 'The translation into %{language} failed: %{reason}',
    made_by: 'Translated into %{language} by the AI model %{model}.',
    stale:
      'The transcript or summary changed since this translation was made. Translate again to bring it up to date.',
    overview: 'Overview',
    part: 'Part',
    original: 'Original',
    time: 'Time',
    speaker: 'Speaker',
    summary_table: 'Summary, original and %{language}',
    transcript_table: 'Transcript, original and %{language}',
    summary_language: 'Summary language',
    summary_language_help:
      'The AI writes this workspace’s summaries in this language. Without an AI, summaries stay in the meeting’s language and say so.',
    meeting_language: 'The meeting’s own language',
    summary_in: 'Written in %{language} at the workspace’s request.',
    summary_not_in:
      'This summary is in the meeting’s own language: the workspace asks for %{language}, which needs the AI model.',
  },
};
