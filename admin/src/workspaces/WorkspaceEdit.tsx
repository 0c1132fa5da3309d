import { Edit } from 'react-admin';
import { WorkspaceForm } from './WorkspaceForm';

const WorkspaceEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <WorkspaceForm />
  </Edit>
);

export default WorkspaceEdit;
