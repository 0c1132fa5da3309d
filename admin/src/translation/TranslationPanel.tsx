import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { formatOffset } from '../format/time';
import { errorCode, errorMessage } from '../providers/errors';
import type { Segment, Summary } from '../types';
import {
  languageName,
  TRANSLATION_LANGUAGES,
  type TranslatedItem,
  type TranslationView,
} from '@mina/contract/translation';
import { getTranslation, requestTranslation, translationKey, translationPollMs } from './translationApi';

interface Props {
  sessionId: string;
  /** The transcript as the session page shows it (refined text, renamed speakers). */
  segments: Segment[] | undefined;
  summary: Summary | null | undefined;
  /** Only a finished session has a transcript to translate. */
  translatable: boolean;
}

const SUMMARY_LISTS = ['keyPoints', 'decisions', 'risks', 'questions'] as const;
const LIST_LABEL: Record<(typeof SUMMARY_LISTS)[number], string> = {
  keyPoints: 'mina.insights.key_points',
  decisions: 'mina.insights.decisions',
  risks: 'mina.insights.risks',
  questions: 'mina.insights.questions',
};

/** Original and translation side by side, each cell marked with its language for screen readers and fonts. */
const SideBySide = ({
  language,
  view,
  segments,
  summary,
}: {
  language: string;
  view: TranslationView;
  segments: Segment[];
  summary: Summary | null | undefined;
}) => {
  const translate = useTranslate();
  const byId = new Map((view.segments ?? []).map((s) => [s.segmentId, s.text]));
  const rows: { key: string; label: string; original: string; translated: string | undefined }[] = [];
  if (summary && view.summary) {
    rows.push({
      key: 'overview',
      label: translate('mina.translation.overview'),
      original: summary.overview,
      translated: view.summary.overview,
    });
    for (const list of SUMMARY_LISTS) {
      const originals = summary[list] ?? [];
      const translated: TranslatedItem[] = view.summary[list] ?? [];
      originals.forEach((item, i) =>
        rows.push({
          key: `${list}-${i}`,
          label: translate(LIST_LABEL[list]),
          original: typeof item === 'string' ? item : item.text,
          translated: translated[i]?.text,
        }),
      );
    }
  }
  const target = languageName(language);
  return (
    <Stack gap={2}>
      {rows.length > 0 ? (
        <Table size="small" aria-label={translate('mina.translation.summary_table', { language: target })}>
          <TableHead>
            <TableRow>
              <TableCell scope="col">{translate('mina.translation.part')}</TableCell>
              <TableCell scope="col">{translate('mina.translation.original')}</TableCell>
              <TableCell scope="col">{target}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.key}>
                <TableCell component="th" scope="row" sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  {r.label}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>{r.original}</TableCell>
                <TableCell sx={{ verticalAlign: 'top' }} lang={language}>
                  {r.translated ?? '–'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <Box
        sx={{ maxHeight: 480, overflow: 'auto' }}
        tabIndex={0}
        role="region"
        aria-label={translate('mina.translation.transcript_table', { language: target })}
      >
        <Table
          size="small"
          stickyHeader
          aria-label={translate('mina.translation.transcript_table', { language: target })}
        >
          <TableHead>
            <TableRow>
              <TableCell scope="col">{translate('mina.translation.time')}</TableCell>
              <TableCell scope="col">{translate('mina.translation.speaker')}</TableCell>
              <TableCell scope="col">{translate('mina.translation.original')}</TableCell>
              <TableCell scope="col">{target}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {segments.map((s) => (
              <TableRow key={s.id}>
                <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  {formatOffset(s.startMs)}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>{s.speaker ?? '–'}</TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  {s.refinedText?.trim() ? s.refinedText : s.text}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }} lang={language}>
                  {byId.get(s.id) ?? '–'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Stack>
  );
};

/**
 * "Translate": the session's transcript and summary in a chosen language, made by the AI on
 * request and cached by the server. Says so when there is no AI, when the translation failed, or
 * when the transcript changed since it was made — the original is never shown as a translation.
 */
export const TranslationPanel = ({ sessionId, segments, summary, translatable }: Props) => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState<string>('');
  const [shown, setShown] = useState<string | null>(null);

  const view = useQuery({
    queryKey: translationKey(sessionId, shown ?? ''),
    queryFn: () => getTranslation(sessionId, shown!),
    enabled: shown !== null,
    retry: false,
    refetchInterval: (q) => translationPollMs(q.state.data),
  });
  const start = useMutation({
    mutationFn: (code: string) => requestTranslation(sessionId, code),
    onSuccess: (data, code) => {
      queryClient.setQueryData(translationKey(sessionId, code), data);
      setShown(code);
    },
  });

  const current = view.data;
  const busy = start.isPending || current?.status === 'pending' || current?.status === 'running';
  const unavailable = errorCode(start.error) === 'TRANSLATION_UNAVAILABLE';

  return (
    <Card component="section" aria-labelledby="translation-title">
      <CardContent>
        <Typography id="translation-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.translation.title')}
        </Typography>
        {!translatable ? (
          <Typography variant="body2" color="text.secondary">
            {translate('mina.translation.not_yet')}
          </Typography>
        ) : (
          <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap" mb={2}>
            <FormControl size="small" sx={{ minWidth: 220 }}>
              <InputLabel id="translation-language-label">
                {translate('mina.translation.language')}
              </InputLabel>
              <Select
                labelId="translation-language-label"
                label={translate('mina.translation.language')}
                value={language}
                onChange={(e) => setLanguage(e.target.value)}
              >
                {TRANSLATION_LANGUAGES.map((l) => (
                  <MenuItem key={l.code} value={l.code}>
                    {l.name}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <Button variant="contained" disabled={!language || busy} onClick={() => start.mutate(language)}>
              {translate('mina.translation.translate')}
            </Button>
            {busy ? <CircularProgress size={20} aria-label={translate('mina.translation.working')} /> : null}
          </Stack>
        )}
        <Box role="status" aria-live="polite">
          {unavailable ? <Alert severity="warning">{translate('mina.translation.unavailable')}</Alert> : null}
          {start.error && !unavailable ? <Alert severity="error">{errorMessage(start.error)}</Alert> : null}
          {view.error ? <Alert severity="error">{errorMessage(view.error)}</Alert> : null}
          {current && busy ? (
            <Typography variant="body2" color="text.secondary">
              {translate('mina.translation.in_progress', { language: languageName(current.language) })}
            </Typography>
          ) : null}
          {current?.status === 'failed' ? (
            <Alert severity="error">
              {translate('mina.translation.failed', {
                language: languageName(current.language),
                reason: current.error ?? '',
              })}
            </Alert>
          ) : null}
          {current?.status === 'ready' ? (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {translate('mina.translation.made_by', {
                language: languageName(current.language),
                model: current.model ?? '–',
              })}
            </Typography>
          ) : null}
        </Box>
        {current?.stale && (current.segments?.length ?? 0) > 0 ? (
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate('mina.translation.stale')}
          </Alert>
        ) : null}
        {current && (current.segments?.length ?? 0) > 0 && segments ? (
          <SideBySide language={current.language} view={current} segments={segments} summary={summary} />
        ) : null}
      </CardContent>
    </Card>
  );
};
