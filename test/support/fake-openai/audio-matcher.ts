import { wordsBetween } from './spoken-script.js';
import type { Script } from './spoken-script.js';
import type { PcmAudio } from './wav.js';

/** A stretch of an incoming window that is a bit-identical copy of a stretch of a script. */
export interface MatchedPiece {
  script: Script;
  windowStartMs: number;
  windowEndMs: number;
  scriptStartMs: number;
  scriptEndMs: number;
}

/** A ground-truth word as heard in a window: times relative to the window start. */
export interface HeardWord {
  word: string;
  speaker: string;
  /** Script name + utterance index, so formatters can group words into segments. */
  utteranceKey: string;
  startMs: number;
  endMs: number;
}

export type MatchMode = 'exact' | 'envelope' | 'exact-or-envelope';

const FINGERPRINT = 16;
/** Index only fingerprints whose hash has these low bits clear: content-defined, ~1/64. */
const SAMPLE_MASK = 63;
/** A fingerprint seen this often in a script says nothing about where we are. */
const MAX_POSITIONS = 8;
const MIN_RUN_MS = 10;
const MAX_PIECES = 16;
const ENVELOPE_MIN_FRAMES = 30;
const ENVELOPE_MIN_SCORE = 0.9;

interface IndexedScript {
  script: Script;
  fingerprints: Map<number, number[]>;
  envelope: Float64Array;
}

const indexCache = new WeakMap<Script, IndexedScript>();

function fingerprintIndex(s: Int16Array): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (let p = 0; p + FINGERPRINT <= s.length; p++) {
    const h = fingerprint(s, p);
    if (h === undefined || (h & SAMPLE_MASK) !== 0) continue;
    const list = index.get(h);
    if (list) list.push(p);
    else index.set(h, [p]);
  }
  return index;
}

/** Locates windows of audio inside the registered scripts. */
export class AudioMatcher {
  private readonly indexed: IndexedScript[] = [];

  get scripts(): Script[] {
    return this.indexed.map((i) => i.script);
  }

  add(script: Script): void {
    let entry = indexCache.get(script);
    if (!entry) {
      entry = { script, fingerprints: fingerprintIndex(script.samples), envelope: envelope(script) };
      indexCache.set(script, entry);
    }
    this.indexed.push(entry);
  }

  match(audio: PcmAudio, mode: MatchMode = 'exact'): MatchedPiece[] {
    const exact = mode === 'envelope' ? [] : this.indexed.flatMap((i) => matchExact(i, audio)).sort((a, b) => a.windowStartMs - b.windowStartMs);
    if (mode === 'exact') return exact;
    // A few bit-equal near-silent runs are no evidence when the window's level or rate changed
    // (a microphone path): below half coverage, the envelope gets its say.
    const coveredMs = exact.reduce((sum, p) => sum + p.windowEndMs - p.windowStartMs, 0);
    if (exact.length > 0 && coveredMs >= durationMsOf(audio) / 2) return exact;
    const best = this.indexed
      .map((i) => matchEnvelope(i, audio))
      .filter((m) => m !== undefined)
      .sort((a, b) => b.score - a.score)[0];
    return best ? [best.piece] : exact;
  }
}

export function heardWords(pieces: readonly MatchedPiece[], windowMs: number): HeardWord[] {
  const clamp = (ms: number) => Math.min(windowMs, Math.max(0, ms));
  return pieces
    .flatMap((piece) => {
      const shift = piece.windowStartMs - piece.scriptStartMs;
      return wordsBetween(piece.script.words, piece.scriptStartMs, piece.scriptEndMs).map((w) => ({
        word: w.word,
        speaker: w.speaker,
        utteranceKey: `${piece.script.name}#${w.utterance}`,
        startMs: clamp(w.startMs + shift),
        endMs: clamp(w.endMs + shift),
      }));
    })
    .sort((a, b) => a.startMs - b.startMs);
}

const durationMsOf = (audio: PcmAudio) => (audio.samples.length * 1000) / audio.sampleRate;

function fingerprint(s: Int16Array, at: number): number | undefined {
  const first = s[at];
  let flat = true;
  let h = 0x811c9dc5;
  for (let k = 0; k < FINGERPRINT; k++) {
    const v = s[at + k];
    if (v !== first) flat = false;
    h = Math.imul(h ^ (v & 0xffff), 0x01000193);
  }
  if (flat) return undefined;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Seed and extend: hash positions of the window until one hits an indexed fingerprint of the
 * script, grow the match both ways over samples equal to the script at that offset, keep it if it
 * is at least MIN_RUN_MS long, and go on hashing after it. A window that is one stretch of the
 * script costs one run of comparisons, not a hash per sample — at a thousand live streams the
 * matcher would otherwise need more CPU than the server it tests.
 */
function matchExact({ script, fingerprints }: IndexedScript, audio: PcmAudio): MatchedPiece[] {
  if (audio.sampleRate !== script.sampleRate) return [];
  const win = audio.samples;
  const ref = script.samples;
  const covered = new Uint8Array(win.length);
  const minRun = (MIN_RUN_MS * audio.sampleRate) / 1000;
  const ms = (samples: number) => (samples * 1000) / audio.sampleRate;
  const pieces: MatchedPiece[] = [];
  for (let i = 0; i + FINGERPRINT <= win.length && pieces.length < MAX_PIECES; i++) {
    if (covered[i] === 1) continue;
    const h = fingerprint(win, i);
    if (h === undefined || (h & SAMPLE_MASK) !== 0) continue;
    const positions = fingerprints.get(h);
    if (!positions || positions.length > MAX_POSITIONS) continue;
    for (const p of positions) {
      const [a, b] = equalRunAround(win, ref, p - i, i, covered);
      if (b - a < minRun) continue;
      covered.fill(1, a, b);
      pieces.push({ script, windowStartMs: ms(a), windowEndMs: ms(b), scriptStartMs: ms(a + p - i), scriptEndMs: ms(b + p - i) });
      i = b - 1;
      break;
    }
  }
  return pieces;
}

/** The maximal run [a, b) around window sample `at` that equals the script shifted by d and is not yet covered. */
function equalRunAround(win: Int16Array, ref: Int16Array, d: number, at: number, covered: Uint8Array): [number, number] {
  let a = at;
  let b = at;
  while (a > 0 && covered[a - 1] === 0 && a - 1 + d >= 0 && win[a - 1] === ref[a - 1 + d]) a--;
  while (b < win.length && covered[b] === 0 && b + d < ref.length && win[b] === ref[b + d]) b++;
  return [a, b];
}

/** Log-RMS per 10 ms: survives resampling, so 24 kHz realtime input still finds its script. */
function envelope(audio: PcmAudio): Float64Array {
  const hop = Math.round(audio.sampleRate / 100);
  const out = new Float64Array(Math.floor(audio.samples.length / hop));
  for (let f = 0; f < out.length; f++) {
    let sum = 0;
    for (let k = f * hop; k < (f + 1) * hop; k++) sum += audio.samples[k] * audio.samples[k];
    out[f] = Math.log1p(Math.sqrt(sum / hop));
  }
  return out;
}

function matchEnvelope(
  { script, envelope: ref }: IndexedScript,
  audio: PcmAudio,
): { piece: MatchedPiece; score: number } | undefined {
  const win = envelope(audio);
  const n = win.length;
  if (n < ENVELOPE_MIN_FRAMES || n > ref.length) return undefined;
  const mean = win.reduce((a, b) => a + b, 0) / n;
  const centred = win.map((v) => v - mean);
  const winNorm = Math.sqrt(centred.reduce((a, v) => a + v * v, 0));
  const sum = new Float64Array(ref.length + 1);
  const sumSq = new Float64Array(ref.length + 1);
  for (let i = 0; i < ref.length; i++) {
    sum[i + 1] = sum[i] + ref[i];
    sumSq[i + 1] = sumSq[i] + ref[i] * ref[i];
  }
  let best = { offset: 0, score: -1 };
  for (let o = 0; o + n <= ref.length; o++) {
    const s = sum[o + n] - sum[o];
    const refNorm = Math.sqrt(Math.max(0, sumSq[o + n] - sumSq[o] - (s * s) / n));
    let dot = 0;
    for (let k = 0; k < n; k++) dot += centred[k] * ref[o + k];
    const score = dot / (winNorm * refNorm || 1);
    if (score > best.score) best = { offset: o, score };
  }
  if (best.score < ENVELOPE_MIN_SCORE) return undefined;
  return {
    score: best.score,
    piece: {
      script,
      windowStartMs: 0,
      windowEndMs: n * 10,
      scriptStartMs: best.offset * 10,
      scriptEndMs: (best.offset + n) * 10,
    },
  };
}
