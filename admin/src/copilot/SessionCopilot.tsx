import { Box, Card, CardContent, Chip, Typography } from '@mui/material';
import type { CopilotItemView } from '@mina/contract/copilot';
import { useQuery } from '@tanstack/react-query';
import { Link, useCreatePath, useDataProvider, useTranslate } from 'react-admin';
import { ErrorState } from '../components/ErrorState';
import type { MinaDataProvider } from '../providers/dataProvider';
import { CopilotItemLine } from './CopilotItemLine';

const outcomeKey = (item: CopilotItemView): string =>
  item.state === 'dismissed' ? 'dismissed' : (item.outcome ?? 'pending');

/**
 * The session page's record of the live copilot: every item and what became of it at
 * finalization. `version` (the task and summary stages' states) changes when reconciliation may have.
 */
export const SessionCopilot = ({ sessionId, version }: { sessionId: string; version: string }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<MinaDataProvider>();
  const items = useQuery({
    queryKey: ['copilot', sessionId, version],
    queryFn: () => dataProvider.getCopilot(sessionId),
  });
  // Sessions that never recorded live have no copilot: nothing to show.
  if (items.isSuccess && items.data.length === 0) return null;
  return (
    <Card component="section" aria-labelledby="session-copilot-title">
      <CardContent>
        <Typography id="session-copilot-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.copilot.title')}
        </Typography>
        {items.isError ? <ErrorState error={items.error} onRetry={() => void items.refetch()} /> : null}
        {items.data ? (
          <Box
            component="ul"
            aria-label={translate('mina.copilot.items')}
            sx={{ listStyle: 'none', p: 0, m: 0 }}
          >
            {items.data.map((item) => (
              <Box component="li" key={item.id} sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}>
                <CopilotItemLine item={item}>
                  {item.state === 'pinned' ? (
                    <Chip size="small" label={translate('mina.copilot.state.pinned')} />
                  ) : null}
                  <Typography
                    variant="caption"
                    color={item.outcome === 'superseded' ? 'text.secondary' : 'text.primary'}
                  >
                    {translate(`mina.copilot.outcome.${outcomeKey(item)}`)}
                  </Typography>
                  {item.taskId ? (
                    <Link to={createPath({ resource: 'tasks', type: 'show', id: item.taskId })}>
                      {translate('mina.copilot.task')}
                    </Link>
                  ) : null}
                </CopilotItemLine>
              </Box>
            ))}
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
};
