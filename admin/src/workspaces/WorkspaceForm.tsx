import { regex, required, SimpleForm, TextInput } from 'react-admin';

const slug = regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'mina.workspace.slug_invalid');

/** The slug is chosen once, at creation (the API's update takes only name and settings). */
export const WorkspaceForm = ({ isCreate }: { isCreate?: boolean }) => (
  <SimpleForm>
    <TextInput source="name" validate={required()} />
    {isCreate ? (
      <TextInput source="slug" validate={slug} helperText="mina.workspace.slug_help" />
    ) : (
      <TextInput source="slug" disabled helperText="mina.workspace.slug_fixed" />
    )}
  </SimpleForm>
);
