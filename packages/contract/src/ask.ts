/*
 * Ask Mina (/api/ask): questions answered from the meetings' own words, with the passages each
 * sentence rests on. Shared by the server, the console and the benchmark.
 */

/** The scope of a question or a retrieval; no id = every session of the workspace the caller can see. */
export interface AskScope {
  sessionId?: string;
  meetingId?: string;
  /** ISO date-times bounding the session's start. */
  from?: string;
  to?: string;
  /** Only passages spoken by this speaker (display name or label, case-insensitive). */
  speaker?: string;
}

/** POST /api/ask. `conversationId` continues a conversation (follow-up questions) of the caller's. */
export interface AskInput extends AskScope {
  question: string;
  conversationId?: string;
}

/** POST /api/ask/retrieve. */
export interface RetrieveInput extends AskScope {
  question: string;
  /** How many passages (default 10, at most MAX_RETRIEVE_LIMIT). */
  limit?: number;
}

export const MAX_QUESTION_CHARS = 2_000;
export const MAX_RETRIEVE_LIMIT = 50;

/** One ranked passage: a window of neighbouring segments (or a summary/task text) of one session. */
export interface Passage {
  sessionId: string;
  /** The segment the passage is anchored on (the best-matching one of its window). */
  segmentId: string;
  startMs: number;
  endMs: number;
  speaker: string | null;
  text: string;
  score: number;
}

export interface RetrieveResult {
  passages: Passage[];
}

export interface Citation {
  sessionId: string;
  segmentId: string;
  startMs: number;
  endMs: number;
  speaker: string | null;
  /** The words of the segment(s) cited, verbatim. */
  quote: string;
}

/** POST /api/ask (JSON). */
export interface AskAnswer {
  conversationId: string;
  answer: string;
  citations: Citation[];
  /** False when nothing relevant was found: `answer` says so and `citations` is empty. */
  found: boolean;
  /** The AI provider that wrote the answer; null when the local fallback (extractive) did. */
  provider: string | null;
  fallbackUsed: boolean;
}

/**
 * `Accept: text/event-stream`: events in this order — `meta` once ({ conversationId }), `delta`
 * any number of times ({ text }), `citations` once ({ citations }), then `done` (the whole
 * AskAnswer) or `error` ({ code, message }).
 */
export const ASK_STREAM_EVENTS = ['meta', 'delta', 'citations', 'done', 'error'] as const;
export type AskStreamEvent = (typeof ASK_STREAM_EVENTS)[number];

/** GET /api/ask/conversations (the caller's own, newest first). */
export interface AskConversationView {
  id: string;
  title: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/ask/conversations/:id — the turns, oldest first. */
export interface AskTurnView {
  id: string;
  question: string;
  answer: string;
  citations: Citation[];
  found: boolean;
  provider: string | null;
  fallbackUsed: boolean;
  createdAt: string;
}
