import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import EditIcon from '@mui/icons-material/Edit';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Box,
  Button,
  Card,
  CardContent,
  IconButton,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useCanAccess, useTranslate } from 'react-admin';
import { formatPercent } from '../../format/numbers';
import { formatSpan } from '../../format/time';
import type { Insights, Session } from '../../types';
import { SpeakerDetails } from './SpeakerDetails';
import { speakerInsight } from './speakerInsights';
import type { SpeakerStat } from './speakerStats';
import { useRenameSpeaker } from './useRenameSpeaker';

const MAX_NAME = 100;

const RenameForm = ({
  stat,
  onDone,
  sessionId,
}: {
  stat: SpeakerStat;
  onDone: () => void;
  sessionId: string;
}) => {
  const translate = useTranslate();
  const rename = useRenameSpeaker(sessionId);
  const [name, setName] = useState(stat.renamed ? stat.name : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ label: stat.label, name }, { onSuccess: onDone });
  };
  return (
    <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 0.5, alignItems: 'center', flex: 1 }}>
      <TextField
        size="small"
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
        label={translate('mina.speakers.name_for', { label: stat.label })}
        placeholder={stat.label}
        slotProps={{ htmlInput: { maxLength: MAX_NAME } }}
        helperText={translate('mina.speakers.rename_help')}
        disabled={rename.isPending}
        sx={{ flex: 1 }}
      />
      <IconButton
        type="submit"
        aria-label={translate('mina.speakers.save')}
        disabled={rename.isPending}
        color="primary"
      >
        <CheckIcon />
      </IconButton>
      <IconButton aria-label={translate('ra.action.cancel')} onClick={onDone} disabled={rename.isPending}>
        <CloseIcon />
      </IconButton>
    </Box>
  );
};

const SpeakerRow = ({
  stat,
  color,
  shown,
  onToggle,
  canRename,
  session,
  insights,
  onSeek,
}: {
  stat: SpeakerStat;
  color: string;
  shown: boolean;
  onToggle: () => void;
  canRename: boolean;
  session: Session;
  insights: Insights | undefined;
  onSeek: (ms: number) => void;
}) => {
  const translate = useTranslate();
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const detailsId = `speaker-details-${stat.label.replace(/\W+/g, '-')}`;
  return (
    <Box component="li" data-speaker={stat.label} sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" alignItems="center" gap={1}>
        <Box aria-hidden sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: color, flexShrink: 0 }} />
        {editing ? (
          <RenameForm stat={stat} sessionId={String(session.id)} onDone={() => setEditing(false)} />
        ) : (
          <>
            <Typography
              variant="subtitle2"
              component="h3"
              sx={{ color, flex: 1, minWidth: 0 }}
              noWrap
              data-testid="speaker-name"
            >
              {stat.name}
              {stat.renamed ? (
                <Typography component="span" variant="caption" color="text.secondary">
                  {' '}
                  ({stat.label})
                </Typography>
              ) : null}
            </Typography>
            {canRename ? (
              <IconButton
                size="small"
                onClick={() => setEditing(true)}
                aria-label={translate('mina.speakers.rename', { name: stat.name })}
              >
                <EditIcon fontSize="small" />
              </IconButton>
            ) : null}
          </>
        )}
        <Switch
          size="small"
          checked={shown}
          onChange={onToggle}
          slotProps={{
            input: { 'aria-label': translate('mina.speakers.show_in_transcript', { name: stat.name }) },
          }}
        />
      </Stack>
      <Box sx={{ pl: 3 }}>
        <Box
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(stat.share * 100)}
          aria-label={translate('mina.speakers.share_of', { name: stat.name })}
          sx={{ height: 6, borderRadius: 3, bgcolor: 'action.hover', my: 0.5, overflow: 'hidden' }}
        >
          <Box sx={{ width: `${stat.share * 100}%`, height: '100%', bgcolor: color }} />
        </Box>
        <Stack direction="row" alignItems="center" gap={1} flexWrap="wrap">
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }} data-testid="speaker-figures">
            {translate('mina.speakers.figures', {
              share: formatPercent(stat.share, 0),
              talk: formatSpan(stat.talkMs),
              smart_count: stat.segments,
            })}
          </Typography>
          <Button
            size="small"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={detailsId}
            endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          >
            {translate('mina.speakers.insights')}
          </Button>
        </Stack>
      </Box>
      {open ? (
        <Box id={detailsId}>
          <SpeakerDetails
            insight={speakerInsight(insights, stat)}
            analyticsReady={Boolean(insights?.analytics)}
            onSeek={onSeek}
          />
        </Box>
      ) : null}
    </Box>
  );
};

/**
 * Who spoke: each speaker's colour, share of the speech time and segments (from the transcript
 * itself), rename in place, show/hide in the transcript, and their own insights on demand.
 */
export const SpeakersPanel = ({
  session,
  stats,
  colorOf,
  hidden,
  onToggle,
  onShowAll,
  insights,
  onSeek,
}: {
  session: Session;
  stats: SpeakerStat[];
  colorOf: (label: string) => string;
  hidden: ReadonlySet<string>;
  onToggle: (label: string) => void;
  onShowAll: () => void;
  insights: Insights | undefined;
  onSeek: (ms: number) => void;
}) => {
  const translate = useTranslate();
  const { canAccess: canRename } = useCanAccess({
    action: 'rename_speakers',
    resource: 'sessions',
    record: session,
  });
  return (
    <Card component="section" aria-labelledby="speakers-title" data-testid="speakers-panel">
      <CardContent>
        <Stack direction="row" alignItems="center" gap={1}>
          <Typography id="speakers-title" component="h2" variant="h6" sx={{ flex: 1 }}>
            {translate('mina.speakers.title')}
          </Typography>
          {hidden.size ? (
            <Button size="small" onClick={onShowAll}>
              {translate('mina.speakers.show_all')}
            </Button>
          ) : null}
        </Stack>
        {stats.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('mina.speakers.none')}
          </Typography>
        ) : (
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {stats.map((stat) => (
              <SpeakerRow
                key={stat.label}
                stat={stat}
                color={colorOf(stat.label)}
                shown={!hidden.has(stat.label)}
                onToggle={() => onToggle(stat.label)}
                canRename={Boolean(canRename)}
                session={session}
                insights={insights}
                onSeek={onSeek}
              />
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
