/*
 * The answer of POST /api/ask as it streams (`Accept: text/event-stream`): the events parsed with
 * eventsource-parser and folded into one state the page renders. No React and no fetch here, so
 * the assembly (deltas, citations, the end, errors, a stream cut short) is tested on its own.
 */
import type { AskAnswer, AskStreamEvent, AskTurnView, Citation } from '@mina/contract/ask';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * `streaming` until the server says `done` or `error`; `stopped` when the user aborted it;
 * `interrupted` when the stream ended (or broke) before its end event.
 */
export type AskStreamStatus = 'streaming' | 'done' | 'error' | 'stopped' | 'interrupted';

/** What went wrong: the API's error code and message, and for 429/503 when to try again. */
export interface AskFailure {
  code: string;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  requestId?: string;
}

export interface AskStreamState {
  conversationId: string | null;
  /** The answer so far: the deltas joined, replaced by the final answer on `done`. */
  text: string;
  citations: Citation[];
  status: AskStreamStatus;
  /** The `done` payload: found, provider, fallbackUsed. */
  answer: AskAnswer | null;
  error: AskFailure | null;
}

export const INITIAL_ASK_STATE: AskStreamState = {
  conversationId: null,
  text: '',
  citations: [],
  status: 'streaming',
  answer: null,
  error: null,
};

/** The console's own code for a stream it could not read (the server's codes are in the contract). */
export const BAD_STREAM = 'BAD_STREAM';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isCitation(value: unknown): value is Citation {
  return (
    isRecord(value) &&
    typeof value.sessionId === 'string' &&
    typeof value.startMs === 'number' &&
    typeof value.quote === 'string'
  );
}

const citationsOf = (value: unknown): Citation[] | null =>
  Array.isArray(value) && value.every(isCitation) ? value : null;

function malformed(state: AskStreamState, event: string): AskStreamState {
  return {
    ...state,
    status: 'error',
    error: { code: BAD_STREAM, message: `The server sent an unreadable "${event}" event` },
  };
}

/** One event folded into the state; events after the end, and events this console does not know, change nothing. */
export function applyAskEvent(state: AskStreamState, message: EventSourceMessage): AskStreamState {
  if (state.status !== 'streaming') return state;
  const event = (message.event ?? 'message') as AskStreamEvent | 'message';
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return malformed(state, event);
  }
  switch (event) {
    case 'meta':
      return isRecord(data) && typeof data.conversationId === 'string'
        ? { ...state, conversationId: data.conversationId }
        : malformed(state, event);
    case 'delta':
      return isRecord(data) && typeof data.text === 'string'
        ? { ...state, text: state.text + data.text }
        : malformed(state, event);
    case 'citations': {
      const citations = isRecord(data) ? citationsOf(data.citations) : null;
      return citations ? { ...state, citations } : malformed(state, event);
    }
    case 'done': {
      if (!isRecord(data) || typeof data.answer !== 'string') return malformed(state, event);
      const answer = data as unknown as AskAnswer;
      return {
        ...state,
        status: 'done',
        answer,
        text: answer.answer,
        citations: citationsOf(answer.citations) ?? state.citations,
        conversationId: answer.conversationId ?? state.conversationId,
      };
    }
    case 'error':
      return {
        ...state,
        status: 'error',
        error: {
          code: isRecord(data) && typeof data.code === 'string' ? data.code : 'INTERNAL',
          message: isRecord(data) && typeof data.message === 'string' ? data.message : 'The answer failed',
        },
      };
    default:
      return state;
  }
}

/** The state once the stream has ended: without its end event it was stopped (by the user) or cut short. */
export function endAskStream(state: AskStreamState, aborted: boolean): AskStreamState {
  if (state.status !== 'streaming') return state;
  return { ...state, status: aborted ? 'stopped' : 'interrupted' };
}

/**
 * Reads an event-stream body to its end, calling `onState` after every event. Resolves with the
 * final state; never rejects: an abort (`signal`) gives `stopped`, a broken connection `interrupted`.
 */
export async function readAskStream(
  body: ReadableStream<Uint8Array>,
  onState: (state: AskStreamState) => void,
  signal?: AbortSignal,
): Promise<AskStreamState> {
  let state = INITIAL_ASK_STATE;
  const parser = createParser({
    onEvent: (message) => {
      const next = applyAskEvent(state, message);
      if (next === state) return;
      state = next;
      onState(state);
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    while (state.status === 'streaming' && !signal?.aborted) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
    if (state.status !== 'streaming') void reader.cancel().catch(() => undefined);
  } catch {
    // A network failure or an abort mid-read: what arrived stays, the state says it is incomplete.
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  const ended = endAskStream(state, Boolean(signal?.aborted));
  if (ended !== state) onState(ended);
  return ended;
}

/** A piece of the answer: text, or a citation marker `[n]` (n from 1) with the citation it names when there is one. */
export type AnswerPart =
  { kind: 'text'; text: string } | { kind: 'cite'; n: number; citation: Citation | null };

const MARKERS = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/**
 * The answer split at its citation markers (`[2]`, `[1, 3]`): marker n names citations[n - 1].
 * Until the citations arrive (they follow the text) a marker names nothing and shows as itself.
 */
export function answerParts(text: string, citations: readonly Citation[]): AnswerPart[] {
  const parts: AnswerPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKERS)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    for (const n of match[1].split(',').map((s) => Number(s.trim())))
      parts.push({ kind: 'cite', n, citation: citations[n - 1] ?? null });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Where a citation leads: its session, at the moment the words were said. */
export function citationTarget(citation: Pick<Citation, 'sessionId' | 'startMs'>): string {
  return `/sessions/${encodeURIComponent(citation.sessionId)}/show?t=${Math.max(0, Math.floor(citation.startMs))}`;
}

/** A turn of a saved conversation as the state a finished stream would have left. */
export function stateOfTurn(conversationId: string, turn: AskTurnView): AskStreamState {
  const answer: AskAnswer = {
    conversationId,
    answer: turn.answer,
    citations: turn.citations,
    found: turn.found,
    provider: turn.provider,
    fallbackUsed: turn.fallbackUsed,
  };
  return {
    conversationId,
    text: turn.answer,
    citations: turn.citations,
    status: 'done',
    answer,
    error: null,
  };
}
