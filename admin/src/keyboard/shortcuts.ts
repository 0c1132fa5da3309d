/** Every keyboard shortcut of the console, as the shortcuts dialog lists them (and the README). */
export interface Shortcut {
  /** Alternatives, each a key or a combination as written on the keyboard. */
  keys: string[];
  /** i18n key under mina.keyboard.does. */
  does: string;
  /** A single printable key: off when the user turns character-key shortcuts off. */
  character?: boolean;
}

export const SHORTCUT_SECTIONS: { section: string; shortcuts: Shortcut[] }[] = [
  {
    section: 'general',
    shortcuts: [
      { keys: ['?'], does: 'help', character: true },
      { keys: ['Tab', 'Shift+Tab'], does: 'move' },
      { keys: ['Enter'], does: 'open_row' },
      { keys: ['Escape'], does: 'close' },
    ],
  },
  {
    section: 'player',
    shortcuts: [
      { keys: ['Space'], does: 'play_pause' },
      { keys: ['←', '→'], does: 'seek' },
      { keys: ['<', '>'], does: 'speed', character: true },
      { keys: ['Home', 'End'], does: 'waveform_ends' },
      { keys: ['Shift+←', 'Shift+→'], does: 'waveform_long' },
    ],
  },
  {
    section: 'live',
    shortcuts: [
      { keys: ['Alt+Shift+R'], does: 'record' },
      { keys: ['Alt+Shift+S'], does: 'stop' },
    ],
  },
];

/** The live page's keys, by physical key (`KeyboardEvent.code`), for the handler and aria-keyshortcuts. */
export const RECORD_KEY = { code: 'KeyR', aria: 'Alt+Shift+R' } as const;
export const STOP_KEY = { code: 'KeyS', aria: 'Alt+Shift+S' } as const;
