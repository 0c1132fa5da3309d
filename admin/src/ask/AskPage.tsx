import SendIcon from '@mui/icons-material/Send';
import StopIcon from '@mui/icons-material/Stop';
import {
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  LinearProgress,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { MAX_QUESTION_CHARS, type AskInput } from '@mina/contract/ask';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Title, useGetMany, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { ErrorState } from '../components/ErrorState';
import { visuallyHidden } from '../components/visuallyHidden';
import { askStreaming, conversationKey, CONVERSATIONS_KEY, getConversationTurns } from './askApi';
import { INITIAL_ASK_STATE, stateOfTurn, type AskStreamState } from './askStream';
import { AnswerTurn, type Turn } from './AnswerTurn';
import { ConversationList } from './ConversationList';
import { ScopeControls } from './ScopeControls';
import { scopeFromParams, scopeProblem, toAskScope, type ScopeDraft } from './scope';

/** Titles of the sessions the answers cite, for the source lists. */
function useSessionTitles(turns: Turn[]): ReadonlyMap<string, string> {
  const ids = useMemo(
    () => [...new Set(turns.flatMap((t) => t.state.citations.map((c) => c.sessionId)))].sort(),
    [turns],
  );
  const { data } = useGetMany<{ id: string; title?: string | null }>(
    'sessions',
    { ids },
    { enabled: ids.length > 0 },
  );
  return useMemo(() => new Map((data ?? []).map((s) => [String(s.id), s.title ?? ''])), [data]);
}

/**
 * Ask Mina: a question about the meetings, answered as it streams with numbered sources that open
 * the session at the moment; follow-up questions continue the conversation; past ones on the side.
 */
const AskPage = () => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [draft, setDraft] = useState<ScopeDraft>(() => scopeFromParams(params));
  const [question, setQuestion] = useState('');
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [loading, setLoading] = useState<{ error: unknown } | 'pending' | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const nextKey = useRef(0);
  /** The conversation last asked for: a slower answer for an earlier click is dropped. */
  const opening = useRef<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const titles = useSessionTitles(turns);
  const streaming = turns.some((t) => t.state.status === 'streaming');
  const problem = scopeProblem(draft);

  // An entry point (the session or meeting page) presets the scope through the address.
  const search = params.toString();
  useEffect(() => setDraft(scopeFromParams(new URLSearchParams(search))), [search]);
  useEffect(() => () => abort.current?.abort(), []);

  const setTurnState = useCallback((key: string, state: AskStreamState) => {
    setTurns((old) => old.map((t) => (t.key === key ? { ...t, state } : t)));
  }, []);

  /** Aborts the answer in flight; it no longer belongs to what the page shows. */
  const leave = () => {
    abort.current?.abort();
    abort.current = null;
    opening.current = null;
  };

  const ask = async (text: string, replacing?: string) => {
    const q = text.trim();
    setSubmitted(true);
    if (!q || streaming || problem) return;
    const key = `turn-${nextKey.current++}`;
    const controller = new AbortController();
    abort.current = controller;
    setTurns((old) => [
      ...old.filter((t) => t.key !== replacing),
      { key, question: q, state: INITIAL_ASK_STATE },
    ]);
    if (!replacing) setQuestion('');
    setSubmitted(false);
    const body: AskInput = {
      question: q,
      ...toAskScope(draft),
      ...(conversationId ? { conversationId } : {}),
    };
    const final = await askStreaming(
      body,
      (state) => {
        setTurnState(key, state);
        // A stream the user left (another conversation opened) no longer names the current one.
        if (state.conversationId && abort.current === controller) setConversationId(state.conversationId);
      },
      controller.signal,
    );
    if (abort.current === controller) abort.current = null;
    if (final.conversationId) await queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
  };

  const startNew = () => {
    leave();
    setConversationId(null);
    setTurns([]);
    setLoading(null);
    input.current?.focus();
  };

  const open = async (id: string) => {
    leave();
    opening.current = id;
    setConversationId(id);
    setTurns([]);
    setLoading('pending');
    try {
      const saved = await queryClient.fetchQuery({
        queryKey: conversationKey(id),
        queryFn: () => getConversationTurns(id),
        staleTime: 0,
      });
      if (opening.current !== id) return;
      setTurns(saved.map((t) => ({ key: t.id, question: t.question, state: stateOfTurn(id, t) })));
      setLoading(null);
    } catch (error) {
      if (opening.current === id) setLoading({ error });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    void ask(question);
  };

  const last = turns.at(-1);
  const status = streaming
    ? translate('mina.ask.answering')
    : last && last.state.status === 'done'
      ? translate('mina.ask.completed')
      : '';

  return (
    <Box mt={2}>
      <Title title={translate('mina.ask.title')} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 3 }}>
          <ConversationList
            activeId={conversationId}
            onOpen={(id) => void open(id)}
            onNew={startNew}
            onDeleted={(id) => (id === conversationId ? startNew() : undefined)}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 9 }}>
          <Stack gap={2}>
            <Card component="section" aria-labelledby="ask-scope-title">
              <CardContent>
                <Typography id="ask-scope-title" component="h2" variant="h6" gutterBottom>
                  {translate('mina.ask.scope.title')}
                </Typography>
                <ScopeControls draft={draft} onChange={setDraft} problem={submitted ? problem : null} />
              </CardContent>
            </Card>
            <Card component="section" aria-labelledby="ask-conversation-title">
              <CardContent>
                <Typography id="ask-conversation-title" component="h2" variant="h6" gutterBottom>
                  {translate('mina.ask.conversation')}
                </Typography>
                <Typography variant="body2" color="text.secondary" mb={2}>
                  {translate('mina.ask.intro')}
                </Typography>
                {loading === 'pending' ? (
                  <LinearProgress aria-label={translate('mina.ask.scope.loading')} />
                ) : null}
                {loading && loading !== 'pending' ? (
                  <ErrorState
                    error={loading.error}
                    onRetry={() => conversationId && void open(conversationId)}
                  />
                ) : null}
                {/* Announced politely once the answer is complete (busy while it streams), not at every delta. */}
                <Stack gap={2} aria-live="polite" aria-busy={streaming} data-testid="ask-conversation-turns">
                  {turns.length === 0 && !loading ? (
                    <Typography variant="body2" color="text.secondary">
                      {translate('mina.ask.empty')}
                    </Typography>
                  ) : null}
                  {turns.map((turn) => (
                    <AnswerTurn
                      key={turn.key}
                      turn={turn}
                      titles={titles}
                      onRetry={
                        ['error', 'stopped', 'interrupted'].includes(turn.state.status) && !streaming
                          ? () => void ask(turn.question, turn.key)
                          : undefined
                      }
                    />
                  ))}
                </Stack>
                <Box component="span" role="status" sx={visuallyHidden}>
                  {status}
                </Box>
                <Box
                  component="form"
                  aria-label={translate('mina.ask.question')}
                  mt={2}
                  onSubmit={(e) => {
                    e.preventDefault();
                    void ask(question);
                  }}
                >
                  <TextField
                    inputRef={input}
                    fullWidth
                    multiline
                    minRows={2}
                    maxRows={8}
                    autoFocus
                    label={translate('mina.ask.question')}
                    helperText={`${translate('mina.ask.question_help')} · ${question.length}/${MAX_QUESTION_CHARS}`}
                    value={question}
                    onChange={(e) => setQuestion(e.target.value)}
                    onKeyDown={onKeyDown}
                    slotProps={{ htmlInput: { maxLength: MAX_QUESTION_CHARS } }}
                  />
                  <Stack direction="row" gap={1} mt={1} justifyContent="flex-end">
                    {streaming ? (
                      <Button
                        variant="outlined"
                        color="warning"
                        startIcon={<StopIcon />}
                        onClick={() => abort.current?.abort()}
                      >
                        {translate('mina.ask.stop')}
                      </Button>
                    ) : null}
                    <Button
                      type="submit"
                      variant="contained"
                      startIcon={<SendIcon />}
                      disabled={streaming || !question.trim()}
                    >
                      {translate('mina.ask.send')}
                    </Button>
                  </Stack>
                </Box>
              </CardContent>
            </Card>
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
};

export default AskPage;
