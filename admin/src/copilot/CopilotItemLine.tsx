import { Chip, Stack, Typography } from '@mui/material';
import type { CopilotEvent, CopilotKind } from '@mina/contract/copilot';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { formatOffset } from '../format/time';

// Colours whose chip text keeps AA contrast; the label names the kind, colour only helps scanning.
const KIND_CHIP: Record<
  CopilotKind,
  { color: 'primary' | 'success' | 'default'; variant: 'filled' | 'outlined' }
> = {
  action_item: { color: 'primary', variant: 'filled' },
  decision: { color: 'success', variant: 'filled' },
  question: { color: 'default', variant: 'filled' },
  risk: { color: 'default', variant: 'outlined' },
};

/** One copilot item: its kind, text, owner and due date, time in the meeting, and whether the local rules found it. */
export const CopilotItemLine = ({
  item,
  children,
}: {
  item: Omit<CopilotEvent, 'provisional'>;
  children?: ReactNode;
}) => {
  const translate = useTranslate();
  const details = [
    item.owner ? translate('mina.copilot.owner', { owner: item.owner }) : null,
    item.due ? translate('mina.copilot.due', { date: item.due }) : null,
    translate('mina.copilot.at', { time: formatOffset(item.startMs) }),
  ].filter(Boolean);
  return (
    <Stack gap={0.5}>
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Chip size="small" {...KIND_CHIP[item.kind]} label={translate(`mina.copilot.kind.${item.kind}`)} />
        <Typography variant="body2">{item.text}</Typography>
      </Stack>
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Typography variant="caption" color="text.secondary">
          {details.join(' · ')}
        </Typography>
        {item.source === 'local' ? (
          <Chip size="small" variant="outlined" label={translate('mina.copilot.local')} />
        ) : null}
        {children}
      </Stack>
    </Stack>
  );
};
