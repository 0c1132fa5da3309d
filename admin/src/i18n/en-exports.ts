/** The Export menu on the session and meeting pages (mina.exports.*). */
export const exportsMessages = {
  exports: {
    button: 'Export',
    menu_label: 'Export formats',
    preparing: 'Preparing %{format}…',
    downloaded: 'Downloaded %{name}',
    failed: 'The export failed: %{message}',
    subtitles_per_session: 'Subtitles, one session at a time',
    no_sessions: 'This meeting has no session to export as subtitles',
    session_format: '%{title}: %{format}',
    format: {
      pdf: 'PDF document',
      docx: 'Word document (DOCX)',
      md: 'Markdown',
      txt: 'Plain text',
      json: 'JSON (re-importable)',
      srt: 'Subtitles (SRT)',
      vtt: 'Subtitles (WebVTT)',
    },
  },
};
