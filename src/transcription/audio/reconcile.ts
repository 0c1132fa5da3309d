/*
 * After a force cut the next window starts with audio the previous one already heard, so its
 * transcript usually starts with the previous transcript's last words. We drop the longest run of
 * the new text's first tokens that fuzzily repeats the previous text's last tokens (anchored on
 * the previous last token), preferring exact matches over longer fuzzy ones. Nothing is dropped
 * without overlap, and never more tokens than the overlap could hold; with word timestamps, only
 * words that start inside the overlap are candidates.
 */
import { tokenize, type TextToken } from './text-tokens.js';

export interface TimedWord {
  text: string;
  /** Relative to the start of its own window. */
  startMs: number;
  endMs: number;
}

export interface ReconcileSide {
  text: string;
  words?: readonly TimedWord[];
}

export interface PreviousSide extends ReconcileSide {
  /** The previous window's length; with `words`, it places them relative to the overlap. */
  durationMs?: number;
}

export interface ReconcileInput {
  previous: PreviousSide;
  next: ReconcileSide;
  overlapMs: number;
}

export interface ReconcileResult {
  text: string;
  words?: TimedWord[];
  /** Tokens removed from the start of the next window (words, or characters in unspaced scripts). */
  droppedTokens: number;
  dropped: string;
}

/** Speaking-rate ceilings that bound how many tokens the overlap can contain. */
const SECONDS_PER_TOKEN = { word: 1 / 6, char: 1 / 12 } as const;
const SLACK_SECONDS = 1 / 3;
const TIME_SLACK_MS = 100;
/** Shorter fragments ("the" of "then") are too often whole words to count as truncations. */
const MIN_TRUNCATED = 4;

interface Candidate extends Pick<TextToken, 'norm' | 'kind'> {
  /** Index of the timed word the token came from, when timestamps were given. */
  word?: number;
}

export function reconcileOverlap(input: ReconcileInput): ReconcileResult {
  const { previous, next, overlapMs } = input;
  const unchanged: ReconcileResult = {
    text: next.text,
    words: next.words?.slice(),
    droppedTokens: 0,
    dropped: '',
  };
  if (!(overlapMs > 0)) return unchanged;

  const head = nextHead(next, overlapMs);
  const drop = bestDrop(previousTail(previous, overlapMs), head);
  if (drop === 0) return unchanged;
  return applyDrop(next, head, drop);
}

function previousTail(previous: PreviousSide, overlapMs: number): string[] {
  if (!previous.words || previous.durationMs === undefined) return tokenize(previous.text).map((t) => t.norm);
  const overlapStart = previous.durationMs - overlapMs - TIME_SLACK_MS;
  return previous.words
    .filter((w) => w.endMs > overlapStart)
    .flatMap((w) => tokenize(w.text).map((t) => t.norm));
}

function nextHead(next: ReconcileSide, overlapMs: number): Candidate[] {
  if (next.words) {
    const outside = next.words.findIndex((w) => w.startMs >= overlapMs);
    const inside = outside < 0 ? next.words : next.words.slice(0, outside);
    return inside.flatMap((w, word) => tokenize(w.text).map((t) => ({ ...t, word })));
  }
  const tokens = tokenize(next.text);
  let seconds = 0;
  let n = 0;
  while (n < tokens.length && seconds < overlapMs / 1000 + SLACK_SECONDS)
    seconds += SECONDS_PER_TOKEN[tokens[n++].kind];
  return tokens.slice(0, n);
}

/** Number of head tokens to drop: minimal edit distance first, then the longest match. */
function bestDrop(prev: string[], head: Candidate[]): number {
  let best = { drop: 0, cost: Infinity };
  for (let j = 1; j <= head.length; j++) {
    // With timestamps, only drop whole words.
    if (head[j - 1].word !== undefined && j < head.length && head[j].word === head[j - 1].word) continue;
    const tolerance = Math.floor(j / 3);
    const nextPart = head.slice(0, j).map((c) => c.norm);
    for (let i = Math.max(1, j - 1); i <= Math.min(j + 1, prev.length); i++) {
      const prevPart = prev.slice(prev.length - i);
      if (!sameToken(prevPart, nextPart, i - 1, j - 1)) continue;
      const cost = editDistance(prevPart, nextPart);
      if (cost <= tolerance && (cost < best.cost || (cost === best.cost && j > best.drop)))
        best = { drop: j, cost };
    }
  }
  return best.drop;
}

/**
 * Token equality for matching: equal after normalisation, one edit apart for words of 4+ letters,
 * or a word truncated by the cut (the previous window's last word, the next window's first).
 */
function sameToken(prev: string[], next: string[], a: number, b: number): boolean {
  const p = prev[a];
  const n = next[b];
  if (p === n) return true;
  if (a === prev.length - 1 && p.length >= MIN_TRUNCATED && n.startsWith(p)) return true;
  if (b === 0 && n.length >= MIN_TRUNCATED && p.endsWith(n)) return true;
  return Math.min(p.length, n.length) >= 4 && Math.abs(p.length - n.length) <= 1 && levenshtein(p, n) <= 1;
}

function editDistance(prev: string[], next: string[]): number {
  let row = Array.from({ length: next.length + 1 }, (_, k) => k);
  for (let a = 0; a < prev.length; a++) {
    const nextRow = [a + 1];
    for (let b = 0; b < next.length; b++) {
      const sub = row[b] + (sameToken(prev, next, a, b) ? 0 : 1);
      nextRow.push(Math.min(sub, row[b + 1] + 1, nextRow[b] + 1));
    }
    row = nextRow;
  }
  return row[next.length];
}

function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, k) => k);
  for (let i = 0; i < x.length; i++) {
    const nextRow = [i + 1];
    for (let k = 0; k < y.length; k++) {
      nextRow.push(Math.min(row[k] + (x[i] === y[k] ? 0 : 1), row[k + 1] + 1, nextRow[k] + 1));
    }
    row = nextRow;
  }
  return row[y.length];
}

/** Leading separators left after the cut; opening marks (¿ ¡ “ () belong to the next word and stay. */
const LEADING_SEPARATORS = /^(?:\s|(?![¿¡])[\p{Pd}\p{Pe}\p{Pf}\p{Po}])+/u;

function applyDrop(next: ReconcileSide, head: Candidate[], drop: number): ReconcileResult {
  const textTokens = tokenize(next.text);
  const droppedNorms = head.slice(0, drop).map((c) => c.norm);
  const words = next.words ? next.words.slice(head[drop - 1].word! + 1) : undefined;
  let text: string;
  let dropped: string;
  if (droppedNorms.every((n, k) => textTokens[k]?.norm === n)) {
    const cut = textTokens[drop - 1].end;
    dropped = next.text.slice(0, cut).trim();
    text = next.text.slice(cut).replace(LEADING_SEPARATORS, '');
  } else {
    // The text and the word list disagree (different punctuation or segmentation): rebuild from the words.
    const joiner = head.every((c) => c.kind === 'char') ? '' : ' ';
    dropped = next
      .words!.slice(0, head[drop - 1].word! + 1)
      .map((w) => w.text.trim())
      .join(joiner);
    text = words!.map((w) => w.text.trim()).join(joiner);
  }
  return { text, words, droppedTokens: drop, dropped };
}
