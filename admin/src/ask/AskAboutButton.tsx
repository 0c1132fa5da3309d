import QuestionAnswerIcon from '@mui/icons-material/QuestionAnswer';
import { Button, CanAccess, Link } from 'react-admin';

/** "Ask about this session/meeting": opens Ask Mina with the scope preset to it. */
export const AskAboutButton = ({ about, id }: { about: 'session' | 'meeting'; id: string }) => (
  <CanAccess action="create" resource="ask">
    <Button
      label={`mina.ask.about_${about}`}
      component={Link}
      to={`/ask?${about}Id=${encodeURIComponent(id)}`}
    >
      <QuestionAnswerIcon />
    </Button>
  </CanAccess>
);
