import { Alert, AlertTitle, Box, Button, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import type { Citation } from '@mina/contract/ask';
import { Fragment } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { formatOffset } from '../format/time';
import { answerParts, citationTarget, type AskStreamState } from './askStream';

/** One question and its answer, live or from the conversation's history. */
export interface Turn {
  key: string;
  question: string;
  state: AskStreamState;
}

export type SessionTitles = ReadonlyMap<string, string>;

function useSourceLabel(titles: SessionTitles) {
  const translate = useTranslate();
  return (n: number, c: Citation) =>
    translate('mina.ask.source_label', {
      n,
      speaker: c.speaker || translate('mina.ask.unknown_speaker'),
      time: formatOffset(c.startMs),
      session: titles.get(c.sessionId) || translate('mina.ask.untitled_session'),
    });
}

const AnswerText = ({ state, titles }: { state: AskStreamState; titles: SessionTitles }) => {
  const sourceLabel = useSourceLabel(titles);
  const translate = useTranslate();
  return (
    <Typography component="div" variant="body1" sx={{ whiteSpace: 'pre-wrap' }} data-testid="ask-answer-text">
      {answerParts(state.text, state.citations).map((part, i) =>
        part.kind === 'text' ? (
          <Fragment key={i}>{part.text}</Fragment>
        ) : part.citation ? (
          <Link
            key={i}
            component={RouterLink}
            to={citationTarget(part.citation)}
            aria-label={sourceLabel(part.n, part.citation)}
            data-testid="ask-marker"
            sx={{ fontSize: '0.85em', verticalAlign: 'super', mx: 0.25, fontWeight: 600 }}
          >
            [{part.n}]
          </Link>
        ) : (
          <Box
            key={i}
            component="span"
            title={translate('mina.ask.source_missing', { n: part.n })}
            sx={{ fontSize: '0.85em', verticalAlign: 'super', mx: 0.25, color: 'text.secondary' }}
          >
            [{part.n}]
          </Box>
        ),
      )}
    </Typography>
  );
};

const Sources = ({ citations, titles }: { citations: Citation[]; titles: SessionTitles }) => {
  const translate = useTranslate();
  if (!citations.length) return null;
  return (
    <Box mt={1.5}>
      <Typography component="h4" variant="subtitle2" gutterBottom>
        {translate('mina.ask.sources')}
      </Typography>
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={translate('mina.ask.sources')}>
        {citations.map((c, i) => (
          <Box component="li" key={`${c.segmentId}-${i}`} mb={1} data-testid="ask-source">
            <Link
              component={RouterLink}
              to={citationTarget(c)}
              underline="hover"
              sx={{ display: 'block', color: 'inherit' }}
            >
              <Stack direction="row" gap={1} alignItems="baseline" flexWrap="wrap">
                <Typography component="span" variant="subtitle2" color="primary">
                  [{i + 1}]
                </Typography>
                <Typography component="span" variant="subtitle2">
                  {c.speaker || translate('mina.ask.unknown_speaker')}
                </Typography>
                <Typography
                  component="span"
                  variant="body2"
                  color="text.secondary"
                  sx={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  <time dateTime={`PT${Math.floor(c.startMs / 1000)}S`}>{formatOffset(c.startMs)}</time>
                </Typography>
                <Typography component="span" variant="body2" color="text.secondary">
                  · {titles.get(c.sessionId) || translate('mina.ask.untitled_session')}
                </Typography>
              </Stack>
              <Typography
                component="q"
                variant="body2"
                sx={{ display: 'block', fontStyle: 'italic', mt: 0.25 }}
              >
                {c.quote}
              </Typography>
            </Link>
          </Box>
        ))}
      </Box>
    </Box>
  );
};

/** What the answer is, said plainly: nothing found, the fallback, who answered, or why it is incomplete. */
const Outcome = ({ state, onRetry }: { state: AskStreamState; onRetry?: () => void }) => {
  const translate = useTranslate();
  const retry = onRetry ? (
    <Button color="inherit" size="small" onClick={onRetry}>
      {translate('mina.ask.retry')}
    </Button>
  ) : undefined;
  switch (state.status) {
    case 'streaming':
      return state.text ? null : (
        <Typography variant="body2" color="text.secondary">
          {translate('mina.ask.thinking')}
        </Typography>
      );
    case 'stopped':
      return (
        <Alert severity="info" action={retry} sx={{ mt: 1 }}>
          {translate('mina.ask.stopped')}
        </Alert>
      );
    case 'interrupted':
      return (
        <Alert severity="warning" action={retry} sx={{ mt: 1 }}>
          {translate('mina.ask.interrupted')}
        </Alert>
      );
    case 'error': {
      const error = state.error;
      return (
        <Alert severity="error" action={retry} sx={{ mt: 1 }} data-testid="ask-error">
          <AlertTitle>{translate('mina.ask.failed')}</AlertTitle>
          {error?.message}{' '}
          {error ? (
            <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
              ({translate('mina.ask.error_code', { code: error.code })})
            </Typography>
          ) : null}
          {error?.retryAfterSeconds ? (
            <Typography variant="body2" mt={0.5}>
              {translate('mina.ask.retry_after', { smart_count: Math.ceil(error.retryAfterSeconds) })}
            </Typography>
          ) : null}
          {error?.requestId ? (
            <Typography variant="caption" component="p">
              {translate('mina.error.request_id', { id: error.requestId })}
            </Typography>
          ) : null}
        </Alert>
      );
    }
    case 'done': {
      const answer = state.answer;
      if (!answer) return null;
      return (
        <Stack gap={1} mt={1}>
          {!answer.found ? (
            <Alert severity="info" data-testid="ask-not-found">
              {translate('mina.ask.not_found')}
            </Alert>
          ) : null}
          {answer.fallbackUsed ? (
            <Alert severity="warning" data-testid="ask-fallback">
              {translate('mina.ask.fallback')}
            </Alert>
          ) : null}
          {answer.provider ? (
            <Box>
              <Chip
                size="small"
                variant="outlined"
                data-testid="ask-provider"
                label={translate('mina.ask.provider', { provider: answer.provider })}
              />
            </Box>
          ) : null}
        </Stack>
      );
    }
  }
};

/** A question, then its answer with inline source markers, what kind of answer it is, and the sources. */
export const AnswerTurn = ({
  turn,
  titles,
  onRetry,
}: {
  turn: Turn;
  titles: SessionTitles;
  onRetry?: () => void;
}) => {
  const translate = useTranslate();
  const { state } = turn;
  return (
    <Paper
      component="article"
      variant="outlined"
      sx={{ p: 2 }}
      aria-label={turn.question}
      data-testid="ask-turn"
      data-status={state.status}
    >
      <Typography component="h3" variant="overline" color="text.secondary">
        {translate('mina.ask.you_asked')}
      </Typography>
      <Typography variant="subtitle1" sx={{ whiteSpace: 'pre-wrap', mb: 1 }}>
        {turn.question}
      </Typography>
      <Typography component="h3" variant="overline" color="text.secondary">
        {translate('mina.ask.answer')}
      </Typography>
      {state.text ? <AnswerText state={state} titles={titles} /> : null}
      <Outcome state={state} onRetry={onRetry} />
      <Sources citations={state.citations} titles={titles} />
    </Paper>
  );
};
