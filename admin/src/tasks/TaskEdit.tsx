import { Edit } from 'react-admin';
import { TaskForm } from './TaskForm';

const TaskEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <TaskForm />
  </Edit>
);

export default TaskEdit;
