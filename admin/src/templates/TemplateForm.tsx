import { ArrayInput, maxLength, required, SimpleForm, SimpleFormIterator, TextInput } from 'react-admin';

/** Name, description and the sections (a title and what the model should put under it). */
export const TemplateForm = () => (
  <SimpleForm>
    <TextInput source="name" validate={[required(), maxLength(100)]} />
    <TextInput source="description" multiline fullWidth validate={maxLength(500)} />
    <ArrayInput source="sections" validate={required()} label="mina.templates.sections">
      <SimpleFormIterator inline disableReordering>
        <TextInput
          source="title"
          label="mina.templates.section_title"
          validate={[required(), maxLength(100)]}
        />
        <TextInput
          source="instruction"
          label="mina.templates.section_instruction"
          validate={[required(), maxLength(1000)]}
          sx={{ minWidth: 360 }}
        />
      </SimpleFormIterator>
    </ArrayInput>
  </SimpleForm>
);
