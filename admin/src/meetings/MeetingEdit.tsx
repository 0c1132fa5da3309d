import { Edit } from 'react-admin';
import { MeetingForm } from './MeetingForm';

const MeetingEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <MeetingForm />
  </Edit>
);

export default MeetingEdit;
