import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioWindow, InterimWindow, WindowerEvent } from './audio-window.js';
import { concat, mix, seededRandom, syllabicTone, whiteNoise } from './test-signals.js';
import { parseWav } from './wav.js';
import { AudioWindower } from './windower.js';
import { fixturesDir } from '../../../test/support/fixtures.js';

interface Utterance {
  speaker: string;
  text: string;
  startMs: number;
  endMs: number;
}

const SECOND = 16000;
const MAX_WINDOW_MS = 15_000;
const fixture = (name: string): string => join(fixturesDir(), 'audio', name);

function stream(signal: Float32Array, chunkMs?: [number, number], seed = 1): WindowerEvent[] {
  const windower = new AudioWindower();
  const events: WindowerEvent[] = [];
  if (!chunkMs) {
    events.push(...windower.push(signal));
  } else {
    const rand = seededRandom(seed);
    for (let at = 0; at < signal.length;) {
      const size = Math.round((chunkMs[0] + rand() * (chunkMs[1] - chunkMs[0])) * 16);
      events.push(...windower.push(signal.subarray(at, at + size)));
      at += size;
    }
  }
  return [...events, ...windower.flush()];
}

/** Byte comparison: deep equality over millions of samples is too slow for a unit test. */
const sameSamples = (a: Float32Array, b: Float32Array): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const withoutSamples = (events: WindowerEvent[]): unknown[] =>
  events.map((e) => ({ ...e, samples: 'samples' in e ? e.samples.length : undefined }));

const finals = (events: WindowerEvent[]): AudioWindow[] => events.filter((e) => e.kind === 'final');
const interims = (events: WindowerEvent[]): InterimWindow[] => events.filter((e) => e.kind === 'interim');
const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }): boolean =>
  a.startMs < b.endMs && b.startMs < a.endMs;

function expectWellFormed(windows: AudioWindow[]): void {
  for (const [i, w] of windows.entries()) {
    expect(w.samples).toHaveLength(w.endSample - w.startSample);
    expect(w.startMs).toBe(w.startSample / 16);
    expect(w.endMs).toBe(w.endSample / 16);
    expect(w.endMs - w.startMs).toBeLessThanOrEqual(MAX_WINDOW_MS);
    if (i > 0) {
      expect(w.index).toBeGreaterThan(windows[i - 1].index);
      expect(w.startSample).toBeGreaterThanOrEqual(windows[i - 1].endSample - w.overlapMs * 16);
    }
  }
}

describe('AudioWindower on a real meeting (es2002a, 2 min, 19 utterances)', () => {
  let audio: Float32Array;
  let utterances: Utterance[];
  let whole: WindowerEvent[];

  beforeAll(() => {
    audio = parseWav(readFileSync(fixture('es2002a-2min.wav'))).samples;
    utterances = (
      JSON.parse(readFileSync(fixture('es2002a-2min.json'), 'utf8')) as { utterances: Utterance[] }
    ).utterances;
    whole = stream(audio);
  });

  it('produces well-formed windows of at most 15 s', () => {
    expect(finals(whole).length).toBeGreaterThan(5);
    expectWellFormed(finals(whole));
  });

  it('covers every utterance, and every audible 20 ms of it', () => {
    const windows = finals(whole);
    for (const u of utterances) {
      expect(
        windows.some((w) => overlaps(w, u)),
        `${u.startMs}–${u.endMs}`,
      ).toBe(true);
      // The ground truth spans include the synthesiser's trailing silence; check the frames that carry sound.
      for (let ms = u.startMs; ms + 20 <= u.endMs; ms += 20) {
        const frame = audio.subarray(ms * 16, (ms + 20) * 16);
        const db = 10 * Math.log10(frame.reduce((s, x) => s + x * x, 0) / frame.length + 1e-12);
        if (db < -45) continue;
        expect(
          windows.some((w) => w.startMs <= ms && ms + 20 <= w.endMs),
          `audible frame at ${ms} ms`,
        ).toBe(true);
      }
    }
  });

  it('sends no silence: every window holds some utterance', () => {
    for (const w of finals(whole))
      expect(
        utterances.some((u) => overlaps(w, u)),
        `${w.startMs}–${w.endMs}`,
      ).toBe(true);
  });

  it('force-cuts the 34 s monologue with 500 ms of overlap', () => {
    const cut = finals(whole).filter((w) => w.forceCut);
    expect(cut.length).toBeGreaterThanOrEqual(2);
    for (const w of cut) {
      const next = finals(whole).find((n) => n.index > w.index)!;
      expect(next.overlapMs).toBe(500);
      expect(next.startSample).toBe(w.endSample - 500 * 16);
    }
  });

  it.each([
    { chunks: [100, 500] as [number, number], seed: 1 },
    { chunks: [1, 40] as [number, number], seed: 3 },
  ])(
    'gives the same events when streamed in $chunks.0–$chunks.1 ms chunks (seed $seed)',
    ({ chunks, seed }) => {
      const chunked = stream(audio, chunks, seed);
      expect(withoutSamples(chunked)).toEqual(withoutSamples(whole));
      chunked.forEach((e, i) => {
        const other = whole[i];
        if ('samples' in e && 'samples' in other) expect(sameSamples(e.samples, other.samples)).toBe(true);
      });
    },
  );

  it('offers interim points about every second, each inside its final window', () => {
    const byIndex = new Map(finals(whole).map((w) => [w.index, w]));
    const snapshots = interims(whole);
    expect(snapshots.length).toBeGreaterThan(40);
    for (const s of snapshots) {
      const final = byIndex.get(s.index)!;
      expect(s.startSample).toBe(final.startSample);
      // Interims follow speech, so they end inside the final window unless a force cut came before them.
      if (!final.forceCut) expect(s.endSample).toBeLessThanOrEqual(final.endSample);
      expect('samples' in s).toBe(false);
    }
    const first = snapshots.filter((s) => s.index === snapshots[0].index);
    for (let i = 1; i < first.length; i++) expect(first[i].endMs - first[i - 1].endMs).toBe(1000);
  });

  it('hands out the audio since the previous interim point while the window is open', () => {
    const windower = new AudioWindower();
    const pieces = new Map<number, Float32Array[]>();
    const covered = new Map<number, number>();
    const closed: AudioWindow[] = [];
    const rand = seededRandom(7);
    for (let at = 0; at < audio.length;) {
      const size = Math.round((100 + rand() * 400) * 16);
      for (const e of windower.push(audio.subarray(at, at + size))) {
        if (e.kind === 'final') closed.push(e);
        if (e.kind !== 'interim') continue;
        const from = covered.get(e.index) ?? e.startSample;
        const piece = windower.copy(from, e.endSample);
        expect(piece).toBeDefined();
        pieces.set(e.index, [...(pieces.get(e.index) ?? []), piece!]);
        covered.set(e.index, e.endSample);
      }
      at += size;
    }
    expect(windower.copy(0, 16)).toBeUndefined();
    expect(pieces.size).toBeGreaterThan(5);
    for (const w of closed) {
      const got = pieces.get(w.index);
      if (!got) continue;
      const joined = new Float32Array(got.reduce((n, p) => n + p.length, 0));
      got.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
      const shared = Math.min(joined.length, w.samples.length);
      expect(sameSamples(joined.subarray(0, shared), w.samples.subarray(0, shared))).toBe(true);
    }
  });
});

describe('AudioWindower on synthetic audio', () => {
  it('force-cuts 40 s of speech without pauses into overlapping windows', () => {
    const events = stream(mix(syllabicTone(40 * SECOND, -20), whiteNoise(40 * SECOND, -60, 9)), [100, 500]);
    const windows = finals(events);
    expectWellFormed(windows);
    expect(windows.map((w) => w.forceCut)).toEqual([true, true, false]);
    expect(windows.map((w) => w.overlapMs)).toEqual([0, 500, 500]);
    for (let i = 1; i < windows.length; i++) {
      const overlap = 500 * 16;
      expect(windows[i].startSample).toBe(windows[i - 1].endSample - overlap);
      expect(
        sameSamples(windows[i].samples.subarray(0, overlap), windows[i - 1].samples.subarray(-overlap)),
      ).toBe(true);
      // The cut lands in the final second, at a quiet point of the syllable rhythm.
      expect(windows[i - 1].endMs - windows[i - 1].startMs).toBeGreaterThan(MAX_WINDOW_MS - 1000);
    }
    expect(windows[0].startMs).toBeLessThan(200);
    expect(windows.at(-1)!.endMs).toBe(40_000);
  });

  it.each([
    { name: 'digital silence', signal: (): Float32Array => new Float32Array(30 * SECOND) },
    { name: 'faint hiss (-60 dBFS)', signal: (): Float32Array => whiteNoise(30 * SECOND, -60, 1) },
    { name: 'low noise (-45 dBFS)', signal: (): Float32Array => whiteNoise(30 * SECOND, -45, 2) },
    { name: 'loud steady noise (-30 dBFS)', signal: (): Float32Array => whiteNoise(30 * SECOND, -30, 3) },
  ])('sends nothing for $name', ({ signal }) => {
    expect(stream(signal(), [100, 500])).toEqual([]);
  });

  describe('with a raised noise floor', () => {
    let speech: Float32Array;
    let speechUtterances: Utterance[];
    beforeAll(() => {
      // The meeting's first 14 s: two utterances, 800–13184 and 13784–18403 (cut at 14 s).
      speech = parseWav(readFileSync(fixture('es2002a-2min.wav'))).samples.slice(0, 14 * SECOND);
      speechUtterances = [
        { speaker: 'Project Manager', text: '', startMs: 800, endMs: 13184 },
        { speaker: 'Project Manager', text: '', startMs: 13784, endMs: 14000 },
      ];
    });

    it('hears speech over loud noise, and not the noise alone', () => {
      // 21 dB above the fixture's own floor; speech starts 8 s in.
      const noisy = mix(whiteNoise(22 * SECOND, -40, 3), concat(new Float32Array(8 * SECOND), speech));
      const windows = finals(stream(noisy, [100, 500]));
      expect(windows.length).toBeGreaterThan(0);
      for (const w of windows) expect(w.startMs).toBeGreaterThanOrEqual(8000);
      for (const u of speechUtterances)
        expect(windows.some((w) => overlaps(w, { startMs: u.startMs + 8000, endMs: u.endMs + 8000 }))).toBe(
          true,
        );
    });

    it('retracts the blip when the noise steps up mid-stream, and still hears the speech after', () => {
      const signal = concat(
        whiteNoise(3 * SECOND, -65, 4),
        mix(whiteNoise(20 * SECOND, -40, 5), concat(new Float32Array(6 * SECOND), speech)),
      );
      const events = stream(signal, [100, 500]);
      for (const w of finals(events)) expect(w.startMs).toBeGreaterThanOrEqual(9000);
      expect(
        events
          .filter((e) => e.kind === 'discarded' && e.endMs < 9000)
          .every((e) => e.kind === 'discarded' && e.reason === 'low-snr'),
      ).toBe(true);
      expect(finals(events).some((w) => overlaps(w, { startMs: 9800, endMs: 22000 }))).toBe(true);
    });
  });

  it('keeps the partial last frame when the stream ends mid-speech', () => {
    const signal = mix(syllabicTone(3 * SECOND + 7, -20), whiteNoise(3 * SECOND + 7, -60, 4));
    const windows = finals(stream(signal));
    expect(windows).toHaveLength(1);
    expect(windows[0].endSample).toBe(signal.length);
    expect(windows[0].forceCut).toBe(false);
  });

  it('reports window statistics against the noise floor', () => {
    const signal = concat(
      whiteNoise(SECOND, -60, 1),
      mix(syllabicTone(2 * SECOND, -20), whiteNoise(2 * SECOND, -60, 2)),
      whiteNoise(SECOND, -60, 3),
    );
    const [w] = finals(stream(signal));
    expect(w.stats.noiseFloorDb).toBeCloseTo(-60, 0);
    expect(w.stats.speechDb).toBeGreaterThan(-30);
    expect(w.stats.rmsDb).toBeLessThanOrEqual(w.stats.speechDb + 1);
    expect(w.stats.voicedMs).toBeGreaterThan(1800);
    expect(w.stats.rms).toBeCloseTo(10 ** (w.stats.rmsDb / 20), 6);
  });

  it('refuses audio after flush', () => {
    const windower = new AudioWindower();
    windower.flush();
    expect(() => windower.push(new Float32Array(320))).toThrow();
  });
});
