import { Typography } from '@mui/material';
import { BooleanInput, regex, required, SimpleForm, TextInput, useTranslate } from 'react-admin';
import { RetentionSettings } from '../retention/RetentionSettings';
import { SummaryLanguageInput } from '../translation/SummaryLanguageInput';

const slug = regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'mina.workspace.slug_invalid');

/**
 * Whether the workspace keeps recordings (settings.recordings.keep; how long is the retention
 * policy's audioDays). `keep` defaults to true, the server's default: an untouched switch must
 * never turn into "delete all audio".
 */
const RecordingsSettings = () => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
        {translate('mina.workspace.recordings_title')}
      </Typography>
      <BooleanInput
        source="settings.recordings.keep"
        defaultValue={true}
        label="mina.workspace.recordings_keep"
        helperText="mina.workspace.recordings_keep_help"
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
    {isCreate ? null : <SummaryLanguageInput />}
    {isCreate ? null : <RecordingsSettings />}
    {isCreate ? null : <RetentionSettings />}
  </SimpleForm>
);
