import { useCallback, useSyncExternalStore } from 'react';
import {
  DISPLAY_STORAGE_KEY,
  parseDisplayChoice,
  resolveDisplay,
  type Display,
  type DisplayChoice,
} from './display';

const DARK = '(prefers-color-scheme: dark)';
const MORE_CONTRAST = '(prefers-contrast: more)';
const listeners = new Set<() => void>();

function readStored(): string | null {
  try {
    return localStorage.getItem(DISPLAY_STORAGE_KEY);
  } catch {
    return null; // storage blocked: follow the system
  }
}

const matches = (query: string) => typeof window !== 'undefined' && window.matchMedia(query).matches;

/** One string per state, so useSyncExternalStore compares snapshots cheaply. */
const snapshot = () => `${readStored() ?? ''}|${matches(DARK)}|${matches(MORE_CONTRAST)}`;

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const queries = [window.matchMedia(DARK), window.matchMedia(MORE_CONTRAST)];
  queries.forEach((q) => q.addEventListener('change', onChange));
  window.addEventListener('storage', onChange); // another tab changed it
  return () => {
    listeners.delete(onChange);
    queries.forEach((q) => q.removeEventListener('change', onChange));
    window.removeEventListener('storage', onChange);
  };
}

function store(choice: DisplayChoice): void {
  try {
    if (choice.theme === undefined && choice.largeText === undefined)
      localStorage.removeItem(DISPLAY_STORAGE_KEY);
    else localStorage.setItem(DISPLAY_STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // storage blocked: the choice lasts until the page is reloaded
  }
  listeners.forEach((l) => l());
}

/** The display in effect and a setter that remembers the user's choice. */
export function useDisplay(): [Display, (change: DisplayChoice) => void] {
  const state = useSyncExternalStore(subscribe, snapshot, snapshot);
  const [stored, dark, contrast] = state.split('|');
  const choice = parseDisplayChoice(stored);
  const display = resolveDisplay(choice, {
    prefersDark: dark === 'true',
    prefersMoreContrast: contrast === 'true',
  });
  const update = useCallback((change: DisplayChoice) => {
    const next = { ...parseDisplayChoice(readStored()), ...change };
    if ('theme' in change && change.theme === undefined) delete next.theme;
    store(next);
  }, []);
  return [display, update];
}
