import SearchIcon from '@mui/icons-material/Search';
import {
  Box,
  Card,
  CardContent,
  Chip,
  InputAdornment,
  LinearProgress,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { formatOffset } from '../format/time';

export interface SearchHit {
  id: string;
  type: 'segment' | 'summary' | 'task';
  sessionId: string | null;
  title: string | null;
  /** HTML-escaped text with the matches in <mark>…</mark>. */
  snippet: string;
  rank: number;
  startMs: number | null;
  createdAt: string;
}

const PAGE = 25;
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** The snippet as React nodes: marks become <mark>, everything else stays text (never HTML). */
export function snippetNodes(snippet: string): ReactNode[] {
  const text = (s: string) => s.replace(/&(lt|gt|amp);/g, (e) => ENTITIES[e] ?? e);
  return snippet
    .split(/<mark>([\s\S]*?)<\/mark>/)
    .map((part, i) => (i % 2 === 1 ? <mark key={i}>{text(part)}</mark> : text(part)));
}

/** Where a hit leads: the moment in the session, the task, or the session's summary. */
export function hitTarget(hit: SearchHit): string | null {
  if (hit.type === 'task') return `/tasks/${hit.id}/show`;
  if (!hit.sessionId) return null;
  return hit.type === 'segment' && hit.startMs !== null
    ? `/sessions/${hit.sessionId}/show?t=${hit.startMs}`
    : `/sessions/${hit.sessionId}/show`;
}

const Hit = ({ hit }: { hit: SearchHit }) => {
  const translate = useTranslate();
  const to = hitTarget(hit);
  const heading =
    hit.type === 'segment' && hit.startMs !== null
      ? translate('mina.search.at', { offset: formatOffset(hit.startMs) })
      : (hit.title ?? translate(`mina.search.type.${hit.type}`));
  return (
    // A list's children are list items (axe: list): the link sits inside one.
    <ListItem disablePadding divider>
      <ListItemButton component={RouterLink} to={to ?? '#'} disabled={to === null} data-testid="search-hit">
        <ListItemText
          primary={
            <Box display="flex" gap={1} alignItems="center">
              <Chip size="small" variant="outlined" label={translate(`mina.search.type.${hit.type}`)} />
              <Typography component="span" variant="subtitle2">
                {heading}
              </Typography>
            </Box>
          }
          secondary={
            <Typography
              component="span"
              variant="body2"
              color="text.secondary"
              sx={{ '& mark': { bgcolor: '#ffe082', color: '#000', px: 0.25 } /* ≥ 7:1 in every theme */ }}
            >
              {snippetNodes(hit.snippet)}
            </Typography>
          }
        />
      </ListItemButton>
    </ListItem>
  );
};

/** Workspace search over transcripts, summaries and tasks (GET /api/search), each hit a link to its place. */
const SearchPage = () => {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const { data, total, isPending, error } = useGetList<SearchHit>(
    'search',
    { filter: { q }, pagination: { page: 1, perPage: PAGE }, sort: { field: 'rank', order: 'DESC' } },
    { enabled: q.length > 0 },
  );
  return (
    <Box mt={2}>
      <Title title={translate('mina.search.title')} />
      <Card>
        <CardContent>
          <Box
            component="form"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              setParams(draft.trim() ? { q: draft.trim() } : {});
            }}
          >
            <TextField
              fullWidth
              autoFocus
              label={translate('mina.search.label')}
              helperText={translate('mina.search.help')}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              slotProps={{
                htmlInput: { maxLength: 200 },
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchIcon />
                    </InputAdornment>
                  ),
                },
              }}
            />
          </Box>
          {q && isPending ? <LinearProgress sx={{ mt: 2 }} /> : null}
          {error ? (
            <Typography color="error" mt={2} role="alert">
              {translate('mina.error.load_failed')}
            </Typography>
          ) : null}
          {q && data ? (
            <>
              <Typography variant="body2" color="text.secondary" mt={2} role="status">
                {translate('mina.search.results', { smart_count: total ?? data.length, q })}
              </Typography>
              <List aria-label={translate('mina.search.title')}>
                {data.map((hit) => (
                  <Hit key={`${hit.type}-${hit.id}`} hit={hit} />
                ))}
              </List>
            </>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
};

export default SearchPage;
