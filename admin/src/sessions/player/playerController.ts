import { useSyncExternalStore } from 'react';

export interface PlayerState {
  currentMs: number;
  durationMs: number | null;
  playing: boolean;
  rate: number;
  /** The element has enough data to play from the current position. */
  ready: boolean;
}

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/**
 * The session page's one <audio> element behind a small store: the player, the waveform and the
 * transcript subscribe to what they need (useSyncExternalStore), so a time tick re-renders the
 * cursor, not the whole page. While playing, time is read every animation frame for a smooth cursor.
 */
export class PlayerController {
  private audio: HTMLAudioElement | null = null;
  private state: PlayerState = { currentMs: 0, durationMs: null, playing: false, rate: 1, ready: false };
  private readonly listeners = new Set<() => void>();
  private frame = 0;
  private detach: (() => void) | null = null;
  /** A position asked for before the element knew its media (a link to a moment): applied on loadedmetadata. */
  private startMs: number | null = null;
  /** Called before play/seek so that an expired signed URL is replaced first. */
  beforeUse: (() => Promise<void>) | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): PlayerState => this.state;

  get element(): HTMLAudioElement | null {
    return this.audio;
  }

  private set(patch: Partial<PlayerState>): void {
    const next = { ...this.state, ...patch };
    if (Object.keys(patch).every((k) => next[k as keyof PlayerState] === this.state[k as keyof PlayerState]))
      return;
    this.state = next;
    for (const l of this.listeners) l();
  }

  attach = (audio: HTMLAudioElement | null): void => {
    if (audio === this.audio) return;
    this.detach?.();
    this.detach = null;
    this.audio = audio;
    if (!audio) return;
    audio.playbackRate = this.state.rate;
    const sync = () => {
      const d = audio.duration;
      this.set({
        currentMs: audio.currentTime * 1000,
        durationMs: Number.isFinite(d) ? d * 1000 : this.state.durationMs,
        playing: !audio.paused && !audio.ended,
        ready: audio.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA,
      });
    };
    const tick = () => {
      sync();
      this.frame = !audio.paused ? requestAnimationFrame(tick) : 0;
    };
    const onMetadata = () => {
      if (this.startMs === null) return;
      audio.currentTime = this.startMs / 1000;
      this.startMs = null;
      sync();
    };
    const onPlay = () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(tick);
    };
    const events = [
      'timeupdate',
      'durationchange',
      'loadedmetadata',
      'canplay',
      'waiting',
      'pause',
      'ended',
      'seeked',
    ];
    for (const e of events) audio.addEventListener(e, sync);
    audio.addEventListener('play', onPlay);
    audio.addEventListener('loadedmetadata', onMetadata);
    this.detach = () => {
      for (const e of events) audio.removeEventListener(e, sync);
      audio.removeEventListener('play', onPlay);
      audio.removeEventListener('loadedmetadata', onMetadata);
      cancelAnimationFrame(this.frame);
    };
    sync();
  };

  /** Duration known from the metadata before the element has loaded anything. */
  setKnownDuration(ms: number | null): void {
    if (ms !== null && this.state.durationMs === null) this.set({ durationMs: ms });
  }

  async seek(ms: number): Promise<void> {
    await this.beforeUse?.();
    const audio = this.audio;
    if (!audio) return;
    const max = this.state.durationMs ?? Number.POSITIVE_INFINITY;
    const clamped = Math.max(0, Math.min(ms, max));
    audio.currentTime = clamped / 1000;
    this.set({ currentMs: clamped });
  }

  /** Puts the player at `ms` now if the recording is loaded, else as soon as its metadata is. */
  startAt(ms: number): void {
    if (this.audio && this.audio.readyState >= HTMLMediaElement.HAVE_METADATA) {
      void this.seek(ms).catch(() => undefined);
      return;
    }
    this.startMs = Math.max(0, ms);
  }

  async play(): Promise<void> {
    await this.beforeUse?.();
    await this.audio?.play();
  }

  pause(): void {
    this.audio?.pause();
  }

  async toggle(): Promise<void> {
    if (this.audio && !this.audio.paused) this.pause();
    else await this.play();
  }

  async playFrom(ms: number): Promise<void> {
    await this.seek(ms);
    await this.play();
  }

  skip(deltaMs: number): Promise<void> {
    return this.seek(this.state.currentMs + deltaMs);
  }

  setRate(rate: number): void {
    if (this.audio) this.audio.playbackRate = rate;
    this.set({ rate });
  }
}

/** A slice of the player's state; re-renders only when the selected value changes. */
export function usePlayer<T>(controller: PlayerController, select: (s: PlayerState) => T): T {
  return useSyncExternalStore(controller.subscribe, () => select(controller.getState()));
}
