import { BooleanInput, Edit, SaveButton, SimpleForm, TextInput, Toolbar, required } from 'react-admin';

const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm toolbar={<EditToolbar />}>
      <TextInput source="email" disabled />
      <TextInput source="name" validate={required()} />
      <BooleanInput source="isActive" />
      <BooleanInput source="isInstanceAdmin" helperText="mina.users.instance_admin_help" />
    </SimpleForm>
  </Edit>
);

export default UserEdit;
