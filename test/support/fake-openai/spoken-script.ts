import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readWav } from './wav.js';

export interface Utterance {
  speaker: string;
  text: string;
  startMs: number;
  endMs: number;
}

/** One ground-truth word; times spread uniformly over its utterance. */
export interface SpokenWord {
  word: string;
  speaker: string;
  utterance: number;
  startMs: number;
  endMs: number;
}

/** A registered fixture: its audio and what was said in it. */
export interface Script {
  name: string;
  sampleRate: number;
  samples: Int16Array;
  utterances: Utterance[];
  words: SpokenWord[];
  /** Speakers in order of first appearance; index i is diarization label "A" + i. */
  speakers: string[];
}

export async function loadScript(wavPath: string, groundTruthPath?: string): Promise<Script> {
  const jsonPath = groundTruthPath ?? wavPath.replace(/\.wav$/i, '.json');
  const [audio, json] = await Promise.all([readWav(wavPath), readFile(jsonPath, 'utf8')]);
  const utterances = (JSON.parse(json) as { utterances: Utterance[] }).utterances;
  return {
    name: basename(wavPath).replace(/\.wav$/i, ''),
    sampleRate: audio.sampleRate,
    samples: audio.samples,
    utterances,
    words: spokenWords(utterances),
    speakers: [...new Set(utterances.map((u) => u.speaker))],
  };
}

export function spokenWords(utterances: readonly Utterance[]): SpokenWord[] {
  return utterances.flatMap((u, utterance) => {
    const tokens = u.text.split(/\s+/).filter(Boolean);
    const step = (u.endMs - u.startMs) / tokens.length;
    return tokens.map((word, k) => ({
      word,
      speaker: u.speaker,
      utterance,
      startMs: u.startMs + k * step,
      endMs: u.startMs + (k + 1) * step,
    }));
  });
}

/**
 * Words whose midpoint lies in [fromMs, toMs). Half-open, so abutting windows share no
 * word and overlapping windows both return the words of their overlap.
 */
export function wordsBetween(words: readonly SpokenWord[], fromMs: number, toMs: number): SpokenWord[] {
  return words.filter((w) => {
    const mid = (w.startMs + w.endMs) / 2;
    return mid >= fromMs && mid < toMs;
  });
}
