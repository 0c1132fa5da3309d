import { Alert, Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import type { SummarySectionView } from '@mina/contract/templates';
import type { Summary, SummaryItem, StageInfo } from '../../types';
import { ProducedBy } from '../PipelineStages';
import { StagePlaceholder } from './StagePlaceholder';
import { TimeLink } from './TimeLink';
import { languageName } from '@mina/contract/translation';

const Section = ({ id, title, items }: { id: string; title: string; items: ReactNode[] }) => {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby={id} mt={2}>
      <Typography id={id} component="h3" variant="subtitle1" fontWeight={600}>
        {title}
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('mina.insights.none')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 3 }}>
          {items.map((item, i) => (
            <Typography component="li" variant="body2" key={i} sx={{ mb: 0.5 }}>
              {item}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
};

/** A template section under its title; one the summary could not write says why (e.g. not without AI). */
const TemplateSection = ({ section, items }: { section: SummarySectionView; items: ReactNode[] }) => {
  if (!section.unavailable)
    return <Section id={`summary-section-${section.key}`} title={section.title} items={items} />;
  return (
    <Box component="section" aria-labelledby={`summary-section-${section.key}`} mt={2}>
      <Typography id={`summary-section-${section.key}`} component="h3" variant="subtitle1" fontWeight={600}>
        {section.title}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {section.unavailable}
      </Typography>
    </Box>
  );
};

export const SummaryPanel = ({
  summary,
  stage,
  onSeek,
}: {
  summary: Summary | null | undefined;
  stage: StageInfo;
  onSeek: (ms: number) => void;
}) => {
  const translate = useTranslate();
  // Older summaries may hold plain strings; current ones hold { text, speaker, atMs }.
  const itemLine = (item: SummaryItem | string) => {
    const it = typeof item === 'string' ? { text: item } : item;
    return (
      <>
        {it.text}
        {it.speaker ? (
          <Typography component="span" variant="caption" color="text.secondary">
            {' '}
            — {it.speaker}
          </Typography>
        ) : null}{' '}
        <TimeLink ms={it.atMs} onSeek={onSeek} />
      </>
    );
  };
  return (
    <Card component="section" aria-labelledby="summary-title">
      <CardContent>
        <Box display="flex" alignItems="baseline" gap={1} flexWrap="wrap">
          <Typography id="summary-title" component="h2" variant="h6" gutterBottom>
            {translate('mina.insights.summary')}
          </Typography>
          {summary ? (
            <ProducedBy
              state={{ status: 'ready', fallbackUsed: summary.fallbackUsed, provider: summary.provider }}
            />
          ) : null}
        </Box>
        {!summary ? (
          <StagePlaceholder stage="summary" state={stage} />
        ) : (
          <>
            {summary.fallbackUsed ? (
              <Alert severity="info" sx={{ mb: 1 }}>
                {translate('mina.insights.fallback_used')}
              </Alert>
            ) : null}
            {summary.requestedLanguage && summary.language !== summary.requestedLanguage ? (
              <Alert severity="info" sx={{ mb: 1 }}>
                {translate('mina.translation.summary_not_in', {
                  language: languageName(summary.requestedLanguage),
                })}
              </Alert>
            ) : null}
            {summary.language ? (
              <Typography variant="caption" color="text.secondary" component="p">
                {translate('mina.translation.summary_in', { language: languageName(summary.language) })}
              </Typography>
            ) : null}
            {summary.template ? (
              <Typography
                variant="caption"
                color="text.secondary"
                component="p"
                data-testid="summary-template"
              >
                {translate('mina.templates.summary_template', { name: summary.template.name })}
              </Typography>
            ) : null}
            <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }} lang={summary.language ?? undefined}>
              {summary.overview || translate('mina.insights.none')}
            </Typography>
            {/* The standard template's sections are the fields below; other templates' come first. */}
            {summary.template && summary.template.id !== 'standard'
              ? (summary.sections ?? []).map((section) => (
                  <TemplateSection key={section.key} section={section} items={section.items.map(itemLine)} />
                ))
              : null}
            <Section
              id="summary-key-points"
              title={translate('mina.insights.key_points')}
              items={(summary.keyPoints ?? []).map(itemLine)}
            />
            <Section
              id="summary-decisions"
              title={translate('mina.insights.decisions')}
              items={(summary.decisions ?? []).map(itemLine)}
            />
            <Section
              id="summary-risks"
              title={translate('mina.insights.risks')}
              items={(summary.risks ?? []).map(itemLine)}
            />
            <Section
              id="summary-questions"
              title={translate('mina.insights.questions')}
              items={(summary.questions ?? []).map(itemLine)}
            />
            {summary.model ? (
              <Typography variant="caption" color="text.secondary" component="p" mt={2}>
                {translate('mina.insights.model', { model: summary.model })}
              </Typography>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
};
