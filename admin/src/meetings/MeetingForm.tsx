import { DateTimeInput, required, SelectInput, SimpleForm, TextInput, type Validator } from 'react-admin';
import { MeetingTemplateInput } from '../templates/TemplateInputs';
import { meetingStatusChoices } from './statuses';

const endAfterStart: Validator = (value, values: { scheduledStart?: string | Date | null }) => {
  if (!value || !values.scheduledStart) return undefined;
  return new Date(value as string) < new Date(values.scheduledStart)
    ? 'mina.meetings.end_before_start'
    : undefined;
};

// The input yields local wall time without a zone; the API takes only instants it cannot misread.
const toInstant = (value: string | null): string | null => (value ? new Date(value).toISOString() : null);

export const MeetingForm = () => (
  <SimpleForm>
    <TextInput source="title" validate={required()} fullWidth />
    <TextInput source="description" multiline minRows={3} fullWidth />
    <SelectInput
      source="status"
      choices={meetingStatusChoices}
      defaultValue="scheduled"
      validate={required()}
    />
    <DateTimeInput source="scheduledStart" parse={toInstant} />
    <DateTimeInput source="scheduledEnd" parse={toInstant} validate={endAfterStart} />
    <MeetingTemplateInput />
  </SimpleForm>
);
