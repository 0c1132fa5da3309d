import type { Passage } from '@mina/contract/ask';
import type { RetrievalHit, WindowSegment } from './ask-retrieval.repository.js';

/** A passage as the answer step sees it: the segments of its window, to cite the one a sentence rests on. */
export interface RetrievedPassage extends Passage {
  segments: WindowSegment[];
  /** Summary items and tasks that pointed at this window ("Decision: …"). */
  notes: string[];
}

interface Draft {
  sessionId: string;
  anchor: RetrievalHit;
  lo: number;
  hi: number;
  notes: string[];
}

/**
 * Hits become passages best first: a hit inside a passage already taken adds to it (its note,
 * never a second copy of the words); any other opens a window of `radius` segments either side,
 * cut where it would overlap a taken one. Passages never share a segment and hold at most
 * 2·radius + 1 of them.
 */
export function assemblePassages(
  hits: readonly RetrievalHit[],
  segments: readonly WindowSegment[],
  radius: number,
  limit: number,
): RetrievedPassage[] {
  const drafts: Draft[] = [];
  for (const hit of hits) {
    const same = drafts.filter((d) => d.sessionId === hit.sessionId);
    const home = same.find((d) => hit.seq >= d.lo && hit.seq <= d.hi);
    if (home) {
      addNote(home, hit);
      continue;
    }
    if (drafts.length >= limit) continue;
    let lo = hit.seq - radius;
    let hi = hit.seq + radius;
    for (const d of same) {
      if (d.hi < hit.seq) lo = Math.max(lo, d.hi + 1);
      if (d.lo > hit.seq) hi = Math.min(hi, d.lo - 1);
    }
    const draft: Draft = { sessionId: hit.sessionId, anchor: hit, lo, hi, notes: [] };
    addNote(draft, hit);
    drafts.push(draft);
  }
  const bySession = new Map<string, WindowSegment[]>();
  for (const s of segments) bySession.set(s.sessionId, [...(bySession.get(s.sessionId) ?? []), s]);
  return drafts.flatMap((d) => {
    const window = (bySession.get(d.sessionId) ?? [])
      .filter((s) => s.seq >= d.lo && s.seq <= d.hi)
      .sort((a, b) => a.seq - b.seq);
    const anchor = window.find((s) => s.id === d.anchor.segmentId);
    if (!anchor) return []; // deleted between the two queries
    const lines = [...d.notes, ...window.map((s) => (s.speaker ? `${s.speaker}: ${s.text}` : s.text))];
    return [
      {
        sessionId: d.sessionId,
        segmentId: anchor.id,
        startMs: window[0].startMs,
        endMs: Math.max(...window.map((s) => s.endMs)),
        speaker: anchor.speaker,
        text: lines.join('\n'),
        score: round(d.anchor.score),
        segments: window,
        notes: d.notes,
      },
    ];
  });
}

function addNote(draft: Draft, hit: RetrievalHit): void {
  if (hit.label === null || hit.body === null) return;
  const note = `${hit.label}: ${hit.body}`;
  if (!draft.notes.includes(note)) draft.notes.push(note);
}

const round = (score: number): number => Math.round(score * 10_000) / 10_000;

/** What POST /api/ask/retrieve shows of a passage. */
export const toPassageView = ({
  sessionId,
  segmentId,
  startMs,
  endMs,
  speaker,
  text,
  score,
}: RetrievedPassage): Passage => ({
  sessionId,
  segmentId,
  startMs,
  endMs,
  speaker,
  text,
  score,
});
