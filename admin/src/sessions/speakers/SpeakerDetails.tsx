import { Box, Chip, Stack, Typography } from '@mui/material';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { formatNumber } from '../../format/numbers';
import { TimeLink } from '../insights/TimeLink';
import type { SpeakerInsight } from './speakerInsights';

const sentimentKey = (score: number) => (score > 0.15 ? 'positive' : score < -0.15 ? 'negative' : 'neutral');

const Line = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Typography
    variant="body2"
    component="div"
    sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'baseline' }}
  >
    <Box component="span" sx={{ color: 'text.secondary', minWidth: '7rem' }}>
      {label}
    </Box>
    <Box component="span" sx={{ flex: 1 }}>
      {children}
    </Box>
  </Typography>
);

/**
 * A speaker's own insights, only what the server measured: sentiment, questions and pace from
 * analytics, topics when analytics has them per speaker, tasks they own, summary lines attributed
 * to them. Missing pieces say so rather than being guessed in the browser.
 */
export const SpeakerDetails = ({
  insight,
  analyticsReady,
  onSeek,
}: {
  insight: SpeakerInsight;
  analyticsReady: boolean;
  onSeek: (ms: number) => void;
}) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const m = insight.measures;
  return (
    <Stack gap={0.75} sx={{ pl: 3, pt: 1 }} data-testid="speaker-details">
      {!m ? (
        <Typography variant="body2" color="text.secondary">
          {translate(analyticsReady ? 'mina.speakers.no_measures' : 'mina.speakers.analytics_pending')}
        </Typography>
      ) : (
        <>
          {typeof m.sentiment === 'number' ? (
            <Line label={translate('mina.insights.sentiment')}>
              {translate(`mina.speakers.sentiment.${sentimentKey(m.sentiment)}`)} (
              {formatNumber(m.sentiment, 2)})
            </Line>
          ) : null}
          <Line label={translate('mina.speakers.questions')}>{m.questions ?? '–'}</Line>
          <Line label={translate('mina.insights.words')}>
            {m.words ?? '–'}
            {m.wordsPerMinute
              ? ` · ${translate('mina.speakers.wpm', { wpm: formatNumber(m.wordsPerMinute, 0) })}`
              : ''}
          </Line>
          <Line label={translate('mina.insights.topics')}>
            {m.topics === undefined ? (
              <Typography variant="body2" component="span" color="text.secondary">
                {translate('mina.speakers.topics_not_measured')}
              </Typography>
            ) : m.topics.length === 0 ? (
              translate('mina.insights.none')
            ) : (
              <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, flexWrap: 'wrap' }}>
                {m.topics.map((t) => (
                  <Chip key={t} size="small" label={t} />
                ))}
              </Box>
            )}
          </Line>
        </>
      )}
      <Line label={translate('mina.speakers.tasks')}>
        {insight.tasks.length === 0 ? (
          translate('mina.insights.none')
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {insight.tasks.map((task) => (
              <li key={task.id}>
                <Link to={createPath({ resource: 'tasks', type: 'show', id: task.id })}>{task.title}</Link>{' '}
                <TimeLink ms={task.sourceStartMs} onSeek={onSeek} />
              </li>
            ))}
          </Box>
        )}
      </Line>
      {insight.summary.length ? (
        <Line label={translate('mina.speakers.in_summary')}>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {insight.summary.map(({ kind, item }, i) => (
              <li key={i}>
                <Typography component="span" variant="caption" color="text.secondary">
                  {translate(`mina.speakers.kind.${kind}`)}:{' '}
                </Typography>
                {item.text} <TimeLink ms={item.atMs} onSeek={onSeek} />
              </li>
            ))}
          </Box>
        </Line>
      ) : null}
    </Stack>
  );
};
