import { Stack, Typography } from '@mui/material';
import { ReferenceInput, SelectInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import type { Workspace } from '../types';
import { useWorkspaceTemplates } from './templatesApi';

// An emptied select means "no choice": the API removes the setting (null), never an empty id.
const orNull = (value: unknown) => (value === '' || value === undefined ? null : value);
// The vocabulary is edited one term per line; the server trims and drops blank lines and repeats.
const toLines = (terms: unknown) => (Array.isArray(terms) ? terms.join('\n') : '');
const fromLines = (text: string) => (text ? text.split('\n') : null);

/** The workspace edit form's default template and vocabulary (settings.summaryTemplate, settings.vocabulary). */
export const WorkspaceTemplateSettings = () => {
  const translate = useTranslate();
  const workspace = useRecordContext<Workspace>();
  const templates = useWorkspaceTemplates(workspace?.id);
  const choices = (templates.data ?? []).map((t) => ({ id: t.id, name: t.name }));
  return (
    <Stack component="section" aria-labelledby="templates-settings-title" sx={{ width: '100%', mt: 2 }}>
      <Typography id="templates-settings-title" variant="subtitle1" component="h2">
        {translate('mina.templates.template_title')}
      </Typography>
      <SelectInput
        source="settings.summaryTemplate"
        label="mina.templates.template_title"
        choices={choices}
        isPending={templates.isPending}
        emptyText="mina.templates.standard_default"
        parse={orNull}
        helperText="mina.templates.template_help"
      />
      <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
        {translate('mina.templates.vocabulary_title')}
      </Typography>
      <TextInput
        source="settings.vocabulary"
        label="mina.templates.vocabulary"
        multiline
        minRows={3}
        fullWidth
        format={toLines}
        parse={fromLines}
        helperText="mina.templates.vocabulary_help"
      />
    </Stack>
  );
};

/** The meeting form's template: one of the selected workspace's, or empty for its default. */
export const MeetingTemplateInput = () => (
  <ReferenceInput
    source="templateId"
    reference="templates"
    perPage={100}
    sort={{ field: 'createdAt', order: 'ASC' }}
  >
    <SelectInput
      optionText="name"
      label="mina.templates.meeting_template"
      emptyText="mina.templates.follow_default"
      parse={orNull}
      helperText="mina.templates.meeting_template_help"
    />
  </ReferenceInput>
);
