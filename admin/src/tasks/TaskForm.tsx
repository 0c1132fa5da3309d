import {
  AutocompleteInput,
  DateInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRecordContext,
} from 'react-admin';
import type { Task } from '../types';
import { AssigneeInput } from './AssigneeInput';
import { taskPriorityChoices, taskStatusChoices } from './choices';

const DependsOnInput = () => {
  const record = useRecordContext<Task>();
  return (
    <ReferenceInput source="dependsOnId" reference="tasks" sort={{ field: 'createdAt', order: 'DESC' }}>
      {/* The API refuses self-dependencies and cycles (DEPENDENCY_CYCLE); we only hide the task itself. */}
      <AutocompleteInput
        optionText="title"
        filterToQuery={(q: string) => ({ q })}
        emptyText="mina.tasks.no_dependency"
        matchSuggestion={(_: string, choice: Task) => choice.id !== record?.id}
      />
    </ReferenceInput>
  );
};

export const TaskForm = () => (
  <SimpleForm>
    <TextInput source="title" validate={required()} fullWidth />
    <TextInput source="description" multiline minRows={3} fullWidth />
    <SelectInput source="status" choices={taskStatusChoices} defaultValue="open" validate={required()} />
    <SelectInput
      source="priority"
      choices={taskPriorityChoices}
      defaultValue="medium"
      validate={required()}
    />
    <AssigneeInput />
    <DateInput source="dueDate" />
    <DependsOnInput />
  </SimpleForm>
);
