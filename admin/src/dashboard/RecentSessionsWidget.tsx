import GraphicEqIcon from '@mui/icons-material/GraphicEq';
import { Box, Typography } from '@mui/material';
import { Link, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import { StatusChip } from '../components/StatusChip';
import { errorMessage } from '../providers/errors';
import { NotTranscribedChip, useNotTranscribedText } from '../sessions/NotTranscribed';
import type { Session } from '../types';
import { sessionMoment } from './sessionMoment';
import { Widget } from './Widget';

export const RecentSessionsWidget = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const notTranscribed = useNotTranscribedText();
  const { data, isPending, error } = useGetList<Session>('sessions', {
    pagination: { page: 1, perPage: 5 },
    sort: { field: 'createdAt', order: 'DESC' },
  });
  return (
    <Widget
      id="recent-sessions"
      icon={<GraphicEqIcon />}
      title={translate('mina.dashboard.recent_sessions')}
      loading={isPending}
      action={<Link to="/sessions">{translate('mina.dashboard.see_all')}</Link>}
    >
      {error ? (
        <Typography color="error" variant="body2">
          {errorMessage(error)}
        </Typography>
      ) : data?.length ? (
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {data.map((s) => {
            const { moment, at } = sessionMoment(s);
            return (
              <Box component="li" key={s.id} py={0.5}>
                <Box display="flex" alignItems="center" gap={1}>
                  <Link to={createPath({ resource: 'sessions', type: 'show', id: s.id })}>
                    {s.title || translate('mina.sessions.untitled')}
                  </Link>
                  <StatusChip value={s.status} />
                  <NotTranscribedChip session={s} />
                  <Box flexGrow={1} />
                  <Typography variant="caption" component="span" color="text.secondary">
                    {translate(`mina.dashboard.session_${moment}`)}
                  </Typography>
                  <DateTimeText value={at} relative variant="caption" />
                </Box>
                {s.transcription ? (
                  <Typography variant="caption" color="text.secondary" component="p">
                    {notTranscribed(s.transcription)}
                  </Typography>
                ) : null}
              </Box>
            );
          })}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('mina.dashboard.no_sessions')}
        </Typography>
      )}
    </Widget>
  );
};
