import { Typography } from '@mui/material';
import { BooleanInput, maxValue, minValue, NumberInput, regex, required, SimpleForm, TextInput, useTranslate } from 'react-admin';

const slug = regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'mina.workspace.slug_invalid');
const retentionDays = [minValue(1), maxValue(36_500)];

/**
 * How long the workspace keeps recordings (settings.recordings). `keep` defaults to true, the
 * server's default: an untouched switch must never turn into "delete all audio".
 */
const RecordingsSettings = () => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
        {translate('mina.workspace.recordings_title')}
      </Typography>
      <BooleanInput source="settings.recordings.keep" defaultValue={true} label="mina.workspace.recordings_keep" helperText="mina.workspace.recordings_keep_help" />
      <NumberInput
        source="settings.recordings.retentionDays"
        label="mina.workspace.recordings_days"
        helperText="mina.workspace.recordings_days_help"
        min={1}
        max={36_500}
        step={1}
        validate={retentionDays}
      />
    </>
  );
};

/** The slug is chosen once, at creation (the API's update takes only name and settings). */
export const WorkspaceForm = ({ isCreate }: { isCreate?: boolean }) => (
  <SimpleForm>
    <TextInput source="name" validate={required()} />
    {isCreate ? (
      <TextInput source="slug" validate={slug} helperText="mina.workspace.slug_help" />
    ) : (
      <TextInput source="slug" disabled helperText="mina.workspace.slug_fixed" />
    )}
    {isCreate ? null : <RecordingsSettings />}
  </SimpleForm>
);
