/** Keyboard use and screen readers: the skip link, the shortcuts dialog, announcements (mina.keyboard.*). */
export const keyboardMessages = {
  keyboard: {
    skip: 'Skip to content',
    title: 'Keyboard shortcuts',
    keys: 'Keys',
    action: 'Action',
    or: 'or',
    off: 'turned off',
    character_keys: 'Single-key shortcuts (? < >)',
    character_keys_help:
      'Turn these off if they get in the way of speech input or your screen reader. Shortcuts with Space, arrows or Alt+Shift stay on.',
    section: {
      general: 'Everywhere',
      player: 'Session recording player (session page)',
      live: 'Live session page',
    },
    does: {
      help: 'Show this list of shortcuts',
      move: 'Move to the next or previous control; the first one, "Skip to content", jumps past the menu',
      open_row: 'Open the focused table row',
      close: 'Close a dialog or menu (focus goes back to the control that opened it)',
      play_pause: 'Play or pause (when no button has focus)',
      seek: 'Back or forward 5 seconds',
      speed: 'Slower or faster playback',
      waveform_ends: 'On the waveform: jump to the start or the end',
      waveform_long: 'On the waveform: back or forward 30 seconds',
      record: 'Start recording',
      stop: 'Stop recording',
    },
    speed: 'Speed %{rate}×',
    transcript_scroll: 'Live transcript lines (scrollable)',
    stage: {
      running: '%{stage}: started',
      ready: '%{stage} ready',
      skipped: '%{stage} skipped',
      skipped_because: '%{stage} skipped: %{reason}',
      failed: '%{stage} failed',
      failed_because: '%{stage} failed: %{error}',
    },
  },
};
