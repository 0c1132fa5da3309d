import { Create } from 'react-admin';
import { MeetingForm } from './MeetingForm';

const MeetingCreate = () => (
  <Create redirect="show">
    <MeetingForm />
  </Create>
);

export default MeetingCreate;
