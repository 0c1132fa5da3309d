import {
  BooleanInput,
  Create,
  email,
  minLength,
  PasswordInput,
  required,
  SimpleForm,
  TextInput,
} from 'react-admin';

const UserCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <TextInput source="email" type="email" validate={[required(), email()]} autoComplete="off" />
      <TextInput source="name" validate={required()} />
      <PasswordInput source="password" validate={[required(), minLength(8)]} autoComplete="new-password" />
      <BooleanInput
        source="isInstanceAdmin"
        defaultValue={false}
        helperText="mina.users.instance_admin_help"
      />
    </SimpleForm>
  </Create>
);

export default UserCreate;
