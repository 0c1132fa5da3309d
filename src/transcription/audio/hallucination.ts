/*
 * Decides whether an ASR result for a window is a hallucination, in any language, from evidence
 * rather than a phrase list: the window's energy against the noise floor, whether the audio could
 * hold that much text, looping n-grams, Whisper's compression-ratio test, and the provider's own
 * no-speech probability and average log-probability when it reports them.
 */
import { deflateSync } from 'node:zlib';
import { tokenize } from './text-tokens.js';

export interface TranscriptEvidence {
  text: string;
  durationMs: number;
  /** Window RMS and the VAD noise floor, both dBFS (AudioWindow.stats). */
  rmsDb?: number;
  noiseFloorDb?: number;
  noSpeechProb?: number;
  avgLogprob?: number;
}

export type HallucinationReason =
  'empty' | 'no-speech' | 'near-silence' | 'too-fast' | 'repetition' | 'compression';

export interface HallucinationVerdict {
  drop: boolean;
  reason?: HallucinationReason;
  detail?: string;
}

export interface HallucinationOptions {
  minSnrDb: number;
  /** Below this the window is silent whatever the floor says. */
  minRmsDb: number;
  maxCharsPerSecond: number;
  maxWordsPerSecond: number;
  /** Han and kana carry a syllable or more each, so they get their own, lower ceiling. */
  maxIdeographsPerSecond: number;
  /** Grace for very short windows, where one extra word swings the rate. */
  slackSeconds: number;
  /** Whisper's default: text that gzips better than this is looping. */
  maxCompressionRatio: number;
  minRepeats: number;
  minRepeatedTokens: number;
  /** Whisper's rule: no_speech_prob above this with avg_logprob below `logprobThreshold`. */
  noSpeechThreshold: number;
  logprobThreshold: number;
  /** Without a log-probability, the no-speech probability alone must be this sure. */
  noSpeechAloneThreshold: number;
}

export const DEFAULT_HALLUCINATION_OPTIONS: Readonly<HallucinationOptions> = {
  minSnrDb: 6,
  minRmsDb: -60,
  maxCharsPerSecond: 25,
  maxWordsPerSecond: 6,
  maxIdeographsPerSecond: 12,
  slackSeconds: 0.3,
  maxCompressionRatio: 2.4,
  minRepeats: 4,
  minRepeatedTokens: 8,
  noSpeechThreshold: 0.6,
  logprobThreshold: -1,
  noSpeechAloneThreshold: 0.8,
};

const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LETTER = /[\p{L}\p{N}]/gu;

export function checkHallucination(
  input: TranscriptEvidence,
  options: Partial<HallucinationOptions> = {},
): HallucinationVerdict {
  const o = { ...DEFAULT_HALLUCINATION_OPTIONS, ...options };
  const text = input.text.trim();
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return { drop: true, reason: 'empty' };

  const { noSpeechProb, avgLogprob } = input;
  if (
    noSpeechProb !== undefined &&
    (avgLogprob === undefined
      ? noSpeechProb > o.noSpeechAloneThreshold
      : noSpeechProb > o.noSpeechThreshold && avgLogprob < o.logprobThreshold)
  ) {
    return {
      drop: true,
      reason: 'no-speech',
      detail: `no_speech_prob ${noSpeechProb}, avg_logprob ${avgLogprob ?? 'n/a'}`,
    };
  }

  const { rmsDb, noiseFloorDb } = input;
  if (
    rmsDb !== undefined &&
    (rmsDb < o.minRmsDb || (noiseFloorDb !== undefined && rmsDb - noiseFloorDb < o.minSnrDb))
  ) {
    return {
      drop: true,
      reason: 'near-silence',
      detail: `rms ${rmsDb.toFixed(1)} dB, floor ${noiseFloorDb?.toFixed(1) ?? 'n/a'} dB`,
    };
  }

  const ideographs = text.match(IDEOGRAPH)?.length ?? 0;
  const words = text.split(/\s+/).filter((w) => w.replace(IDEOGRAPH, '').match(LETTER)).length;
  const seconds = input.durationMs / 1000 + o.slackSeconds;
  const needed = Math.max(
    ideographs / o.maxIdeographsPerSecond + (letters - ideographs) / o.maxCharsPerSecond,
    words / o.maxWordsPerSecond,
  );
  if (needed > seconds) {
    return {
      drop: true,
      reason: 'too-fast',
      detail: `needs ≥ ${needed.toFixed(1)} s of speech, window ${(input.durationMs / 1000).toFixed(1)} s`,
    };
  }

  const loop = findLoop(
    tokenize(text).map((t) => t.norm),
    o,
  );
  if (loop)
    return { drop: true, reason: 'repetition', detail: `${loop.repeats}× a ${loop.size}-token phrase` };

  const bytes = Buffer.from(text, 'utf8');
  const ratio = bytes.length / deflateSync(bytes).length;
  if (ratio > o.maxCompressionRatio)
    return { drop: true, reason: 'compression', detail: `gzip ratio ${ratio.toFixed(2)}` };
  return { drop: false };
}

/** An n-gram (n ≤ 6) repeated back to back often enough, over enough tokens, to be most of the text. */
function findLoop(tokens: string[], o: HallucinationOptions): { size: number; repeats: number } | undefined {
  for (let n = 1; n <= 6; n++) {
    for (let i = 0; i + 2 * n <= tokens.length; i++) {
      let repeats = 1;
      while (i + (repeats + 1) * n <= tokens.length && sameRun(tokens, i, i + repeats * n, n)) repeats++;
      const span = repeats * n;
      if (repeats >= o.minRepeats && span >= o.minRepeatedTokens && span * 2 >= tokens.length)
        return { size: n, repeats };
    }
  }
  return undefined;
}

function sameRun(tokens: string[], a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (tokens[a + k] !== tokens[b + k]) return false;
  return true;
}
