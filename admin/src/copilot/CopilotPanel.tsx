import { Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { CopilotEvent, CopilotItemState } from '@mina/contract/copilot';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import { visuallyHidden } from '../components/visuallyHidden';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';
import { CopilotItemLine } from './CopilotItemLine';

/**
 * The live page's copilot: items as they arrive over the socket, newest first, each with Pin (a
 * marker at its time) and Dismiss. Only the newest item is announced (politely), not every update.
 */
export const CopilotPanel = ({
  sessionId,
  items,
  canAct,
}: {
  sessionId: string | null;
  items: CopilotEvent[];
  canAct: boolean;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<MinaDataProvider>();
  const [states, setStates] = useState<Record<string, CopilotItemState>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const newest = items.at(-1);

  const act = async (item: CopilotEvent, action: 'pin' | 'dismiss') => {
    if (!sessionId) return;
    setBusy(item.id);
    try {
      const view = await dataProvider.copilotAction(sessionId, item.id, action);
      setStates((s) => ({ ...s, [item.id]: view.state }));
    } catch (e) {
      notify(translate('mina.copilot.failed', { error: errorMessage(e) }), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card component="section" aria-labelledby="copilot-title">
      <CardContent>
        <Typography id="copilot-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.copilot.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" mb={1}>
          {translate('mina.copilot.intro')}
        </Typography>
        <Box role="status" aria-live="polite" sx={visuallyHidden}>
          {newest
            ? translate('mina.copilot.announce', {
                kind: translate(`mina.copilot.kind.${newest.kind}`),
                text: newest.text,
              })
            : ''}
        </Box>
        {items.length === 0 ? (
          <Typography variant="body2">{translate('mina.copilot.empty')}</Typography>
        ) : (
          <Box
            component="ul"
            aria-label={translate('mina.copilot.items')}
            sx={{ listStyle: 'none', p: 0, m: 0 }}
            data-testid="copilot-items"
          >
            {[...items].reverse().map((item) => {
              const state = states[item.id] ?? 'open';
              return (
                <Box
                  component="li"
                  key={item.id}
                  sx={{
                    py: 1,
                    borderBottom: 1,
                    borderColor: 'divider',
                  }}
                >
                  <CopilotItemLine item={item}>
                    {state === 'open' ? (
                      canAct ? (
                        <Stack direction="row" gap={1}>
                          <Button
                            size="small"
                            disabled={busy === item.id}
                            aria-label={translate('mina.copilot.pin_item', { text: item.text })}
                            onClick={() => void act(item, 'pin')}
                          >
                            {translate('mina.copilot.pin')}
                          </Button>
                          <Button
                            size="small"
                            color="inherit"
                            disabled={busy === item.id}
                            aria-label={translate('mina.copilot.dismiss_item', { text: item.text })}
                            onClick={() => void act(item, 'dismiss')}
                          >
                            {translate('mina.copilot.dismiss')}
                          </Button>
                        </Stack>
                      ) : null
                    ) : (
                      <Chip size="small" label={translate(`mina.copilot.state.${state}`)} />
                    )}
                  </CopilotItemLine>
                </Box>
              );
            })}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
