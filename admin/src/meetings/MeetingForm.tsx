import { DateTimeInput, required, SelectInput, SimpleForm, TextInput, type Validator } from 'react-admin';
import { meetingStatusChoices } from './statuses';

const endAfterStart: Validator = (value, values: { scheduledStart?: string | Date | null }) => {
  if (!value || !values.scheduledStart) return undefined;
  return new Date(value as string) < new Date(values.scheduledStart)
    ? 'mina.meetings.end_before_start'
    : undefined;
};

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
    <DateTimeInput source="scheduledStart" />
    <DateTimeInput source="scheduledEnd" validate={endAfterStart} />
  </SimpleForm>
);
