import { MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { InputHelperText, useInput, useTranslate } from 'react-admin';

const MAX_DAYS = 36_500;
const validDays = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_DAYS;

type DaysMode = 'default' | 'forever' | 'days';
const modeOf = (value: unknown): DaysMode => (value === undefined || value === '' ? 'default' : value === null ? 'forever' : 'days');

/** "3 days", "forever": what a number of days (or null) means, for the default's label. */
export function useDaysText() {
  const translate = useTranslate();
  return (days: number | null | undefined) =>
    days === null || days === undefined ? translate('mina.retention.forever') : translate('mina.retention.days', { smart_count: days });
}

/**
 * A policy's days, in three states the API tells apart: left out (the instance default), null
 * (forever) or a number of days. A blank number is refused, never sent as "forever".
 */
export const DaysInput = ({ source, label, instanceDays }: { source: string; label: string; instanceDays: number | null | undefined }) => {
  const translate = useTranslate();
  const daysText = useDaysText();
  const { field, fieldState } = useInput<number | null | undefined>({
    source,
    // Raw values: the default format and parse turn null into '' and back, and undefined into null.
    format: (v: number | null | undefined) => v,
    parse: (v: number | null | undefined) => v,
    validate: (value: unknown) => (modeOf(value) === 'days' && !validDays(value) ? 'mina.retention.days_invalid' : undefined),
  });
  const mode = modeOf(field.value);
  const [text, setText] = useState(() => (typeof field.value === 'number' ? String(field.value) : ''));
  const setMode = (next: DaysMode) => {
    if (next === 'default') field.onChange(undefined);
    else if (next === 'forever') field.onChange(null);
    else {
      // Start from the instance's days when it has some: the value the workspace follows today.
      const start = typeof field.value === 'number' ? field.value : (instanceDays ?? NaN);
      setText(Number.isNaN(start) ? '' : String(start));
      field.onChange(start);
    }
  };
  const id = `retention-${source.replace(/\W/g, '-')}`;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} gap={2} alignItems={{ sm: 'flex-start' }}>
      <TextField
        select
        id={`${id}-mode`}
        label={translate(label)}
        value={mode}
        onChange={(e) => setMode(e.target.value as DaysMode)}
        sx={{ minWidth: 280 }}
        size="small"
      >
        <MenuItem value="default">{translate('mina.retention.mode_default', { value: daysText(instanceDays) })}</MenuItem>
        <MenuItem value="forever">{translate('mina.retention.mode_forever')}</MenuItem>
        <MenuItem value="days">{translate('mina.retention.mode_days')}</MenuItem>
      </TextField>
      {mode === 'days' ? (
        <TextField
          id={`${id}-days`}
          label={translate('mina.retention.days_label')}
          type="number"
          size="small"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            field.onChange(e.target.value.trim() === '' ? NaN : Number(e.target.value));
          }}
          onBlur={field.onBlur}
          error={Boolean(fieldState.error)}
          helperText={<InputHelperText error={fieldState.error?.message} helperText="mina.retention.days_help" />}
          // No min/max: the browser's own check would hide ours (and its message) behind a tooltip.
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
      ) : null}
    </Stack>
  );
};

/** Whether tasks outlive their transcript: the instance default, kept, or deleted with it. */
export const KeepTasksInput = ({ instanceKeeps }: { instanceKeeps: boolean | undefined }) => {
  const translate = useTranslate();
  const { field } = useInput<boolean | undefined>({ source: 'settings.retention.keepTasks', format: (v: boolean | undefined) => v, parse: (v: boolean | undefined) => v });
  const value = field.value === true ? 'keep' : field.value === false ? 'delete' : 'default';
  const instance = instanceKeeps === undefined ? '…' : translate(instanceKeeps ? 'mina.retention.tasks_keep' : 'mina.retention.tasks_delete');
  return (
    <TextField
      select
      id="retention-keep-tasks"
      label={translate('mina.retention.tasks_label')}
      value={value}
      onChange={(e) => field.onChange(e.target.value === 'default' ? undefined : e.target.value === 'keep')}
      sx={{ minWidth: 280, alignSelf: 'flex-start' }}
      size="small"
    >
      <MenuItem value="default">{translate('mina.retention.mode_default', { value: instance })}</MenuItem>
      <MenuItem value="keep">{translate('mina.retention.tasks_keep')}</MenuItem>
      <MenuItem value="delete">{translate('mina.retention.tasks_delete')}</MenuItem>
    </TextField>
  );
};
