import {
  Autocomplete,
  FormControlLabel,
  Grid,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { useGetList, useGetOne, useTranslate, type RaRecord } from 'react-admin';
import type { ScopeDraft } from './scope';

interface Titled extends RaRecord {
  title?: string | null;
}

/** A meeting or session by title: the list searched as you type (the API's `q`), the chosen one read by id. */
const RecordPicker = ({
  resource,
  label,
  value,
  onChange,
  error,
}: {
  resource: 'meetings' | 'sessions';
  label: string;
  value: string;
  onChange: (id: string) => void;
  error?: string | null;
}) => {
  const translate = useTranslate();
  const [input, setInput] = useState('');
  // What the user typed searches (the API's `q`); the chosen record's title shown in the box does not.
  const [query, setQuery] = useState('');
  const chosen = useGetOne<Titled>(resource, { id: value }, { enabled: Boolean(value) });
  const list = useGetList<Titled>(resource, {
    filter: query.trim() ? { q: query.trim() } : {},
    pagination: { page: 1, perPage: 25 },
    sort: { field: 'createdAt', order: 'DESC' },
  });
  const options = list.data ?? [];
  const selected = value ? (options.find((o) => String(o.id) === value) ?? chosen.data ?? null) : null;
  const titleOf = (r: Titled) => r.title || translate('mina.ask.untitled_session');
  return (
    <Autocomplete
      options={selected && !options.some((o) => o.id === selected.id) ? [selected, ...options] : options}
      value={selected}
      onChange={(_e, record) => onChange(record ? String(record.id) : '')}
      inputValue={input}
      onInputChange={(_e, text, reason) => {
        setInput(text);
        setQuery(reason === 'input' ? text : '');
      }}
      filterOptions={(x) => x}
      getOptionLabel={titleOf}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      loading={list.isPending}
      loadingText={translate('mina.ask.scope.loading')}
      noOptionsText={translate('mina.ask.scope.no_options')}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          size="small"
          error={Boolean(error)}
          helperText={error ? translate(error) : undefined}
        />
      )}
    />
  );
};

/** Where the question looks: the whole workspace, one meeting or one session; a date range; one speaker. */
export const ScopeControls = ({
  draft,
  onChange,
  problem,
}: {
  draft: ScopeDraft;
  onChange: (draft: ScopeDraft) => void;
  problem: string | null;
}) => {
  const translate = useTranslate();
  const labelId = useId();
  const set = (patch: Partial<ScopeDraft>) => onChange({ ...draft, ...patch });
  const datesProblem = problem === 'mina.ask.scope.dates_reversed' ? problem : null;
  return (
    <Grid container spacing={2} alignItems="center">
      <Grid size={12}>
        <Typography id={labelId} variant="subtitle2">
          {translate('mina.ask.scope.target')}
        </Typography>
        <RadioGroup
          row
          aria-labelledby={labelId}
          value={draft.target}
          onChange={(e) => set({ target: e.target.value as ScopeDraft['target'] })}
        >
          {(['workspace', 'meeting', 'session'] as const).map((target) => (
            <FormControlLabel
              key={target}
              value={target}
              control={<Radio size="small" />}
              label={translate(`mina.ask.scope.${target}`)}
            />
          ))}
        </RadioGroup>
      </Grid>
      {draft.target === 'meeting' ? (
        <Grid size={{ xs: 12, md: 6 }}>
          <RecordPicker
            resource="meetings"
            label={translate('mina.ask.scope.meeting_label')}
            value={draft.meetingId}
            onChange={(meetingId) => set({ meetingId })}
            error={problem === 'mina.ask.scope.pick_meeting' ? problem : null}
          />
        </Grid>
      ) : null}
      {draft.target === 'session' ? (
        <Grid size={{ xs: 12, md: 6 }}>
          <RecordPicker
            resource="sessions"
            label={translate('mina.ask.scope.session_label')}
            value={draft.sessionId}
            onChange={(sessionId) => set({ sessionId })}
            error={problem === 'mina.ask.scope.pick_session' ? problem : null}
          />
        </Grid>
      ) : null}
      <Grid size={{ xs: 6, md: 3 }}>
        <TextField
          type="date"
          size="small"
          fullWidth
          label={translate('mina.ask.scope.from')}
          value={draft.from}
          onChange={(e) => set({ from: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <TextField
          type="date"
          size="small"
          fullWidth
          label={translate('mina.ask.scope.to')}
          value={draft.to}
          onChange={(e) => set({ to: e.target.value })}
          error={Boolean(datesProblem)}
          helperText={datesProblem ? translate(datesProblem) : undefined}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextField
          size="small"
          fullWidth
          label={translate('mina.ask.scope.speaker')}
          helperText={translate('mina.ask.scope.speaker_help')}
          value={draft.speaker}
          onChange={(e) => set({ speaker: e.target.value })}
          slotProps={{ htmlInput: { maxLength: 200 } }}
        />
      </Grid>
    </Grid>
  );
};
