import type { AskConversationView, AskInput, AskTurnView } from '@mina/contract/ask';
import { httpClient, httpEventStream } from '../providers/httpClient';
import { errorBody, errorCode, errorMessage, errorStatus, retryAfterSeconds } from '../providers/errors';
import {
  endAskStream,
  INITIAL_ASK_STATE,
  readAskStream,
  type AskFailure,
  type AskStreamState,
} from './askStream';

const BASE = '/api/ask';
const RECENT_CONVERSATIONS = 50;
export const CONVERSATIONS_KEY = ['mina', 'ask', 'conversations'] as const;
export const conversationKey = (id: string) => [...CONVERSATIONS_KEY, id] as const;

/** A failed request (before any event arrived) in the stream's terms. */
export function askFailure(error: unknown): AskFailure {
  return {
    code: errorCode(error) ?? (errorStatus(error) ? `HTTP_${errorStatus(error)}` : 'NETWORK'),
    message: errorMessage(error),
    status: errorStatus(error),
    retryAfterSeconds: retryAfterSeconds(error),
    requestId: errorBody(error)?.requestId,
  };
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * POST /api/ask as an event stream, reporting the answer as it grows. Resolves with the final
 * state; a refused request (4xx/5xx) becomes an `error` state with the API's code.
 */
export async function askStreaming(
  input: AskInput,
  onState: (state: AskStreamState) => void,
  signal: AbortSignal,
): Promise<AskStreamState> {
  let res: Response;
  try {
    res = await httpEventStream(BASE, input, signal);
  } catch (error) {
    const state = isAbort(error)
      ? endAskStream(INITIAL_ASK_STATE, true)
      : { ...INITIAL_ASK_STATE, status: 'error' as const, error: askFailure(error) };
    onState(state);
    return state;
  }
  if (!res.body) {
    const state = endAskStream(INITIAL_ASK_STATE, false);
    onState(state);
    return state;
  }
  return readAskStream(res.body, onState, signal);
}

/** The caller's most recently active conversations. */
export async function listConversations(): Promise<AskConversationView[]> {
  const range = encodeURIComponent(`[0,${RECENT_CONVERSATIONS - 1}]`);
  return (await httpClient(`${BASE}/conversations?range=${range}`)).json as AskConversationView[];
}

/** A conversation's turns, oldest first (the API answers the conversation with its turns). */
export async function getConversationTurns(id: string): Promise<AskTurnView[]> {
  const body = (await httpClient(`${BASE}/conversations/${encodeURIComponent(id)}`)).json as
    AskTurnView[] | { turns?: AskTurnView[] };
  return Array.isArray(body) ? body : (body.turns ?? []);
}

export async function deleteConversation(id: string): Promise<void> {
  await httpClient(`${BASE}/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
