import GavelIcon from '@mui/icons-material/Gavel';
import { Alert, AlertTitle, Button, Card, CardContent, CardHeader, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useGetOne, useNotify, useTranslate } from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';
import { useMe } from '../providers/useMe';
import { currentMembership, getWorkspaceId } from '../providers/workspace';
import { setLegalHold, type HoldResource } from './retentionApi';
import type { LegalHoldView } from '@mina/contract/retention';

const REASON_MAX = 1000;

/** Who placed the hold, by name when they are a member of the workspace. */
const HeldBy = ({ userId }: { userId: string }) => {
  const dataProvider = useDataProvider<MinaDataProvider>();
  const workspaceId = getWorkspaceId();
  const { data } = useQuery({
    queryKey: ['members', 'directory', workspaceId],
    queryFn: () => dataProvider.getMembers(workspaceId!),
    enabled: Boolean(workspaceId),
  });
  const member = data?.find((m) => m.userId === userId);
  return <>{member ? (member.name ?? member.email) : userId}</>;
};

/** A session in a held meeting is exempt through it, whatever its own switch says. */
const HeldThroughMeeting = ({ meetingId }: { meetingId: string }) => {
  const translate = useTranslate();
  const { data } = useGetOne<{ id: string } & Partial<Omit<LegalHoldView, 'id'>>>('meetings', { id: meetingId });
  if (!data?.legalHold) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="legal-hold-meeting">
      {translate('mina.retention.hold_through_meeting')}
    </Alert>
  );
};

/**
 * A meeting's or a session's legal hold: what it is (since when, by whom, why) for everyone who
 * sees the record, and the switch with its reason for owners and admins.
 */
export const LegalHoldPanel = ({ resource, record }: { resource: HoldResource; record: { id: string | number; meetingId?: string | null } & Partial<Omit<LegalHoldView, 'id'>> }) => {
  const meeting = { ...record, id: String(record.id) };
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  // The workspace's own rule (owners and admins), with the caller's role: the record in context is the meeting.
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'workspaces', record: { role: me ? currentMembership(me)?.role : undefined } });
  const held = meeting.legalHold === true;
  const [hold, setHold] = useState(held);
  const [reason, setReason] = useState(meeting.legalHoldReason ?? '');
  const save = useMutation({
    mutationFn: () => setLegalHold(resource, meeting.id, hold, reason),
    onSuccess: async (result) => {
      notify(result.legalHold ? 'mina.retention.hold_placed' : 'mina.retention.hold_released', { type: 'info' });
      await queryClient.invalidateQueries({ queryKey: [resource] });
    },
    onError: (e) => notify(errorMessage(e), { type: 'error' }),
  });
  if (meeting.legalHold === undefined) return null;
  const changed = hold !== held || (hold && reason.trim() !== (meeting.legalHoldReason ?? ''));
  return (
    <Card component="section" aria-labelledby="legal-hold-title" sx={resource === 'meetings' ? { mt: 2 } : undefined} data-testid="legal-hold">
      <CardHeader
        avatar={<GavelIcon color={held ? 'warning' : 'disabled'} />}
        title={translate('mina.retention.hold_title')}
        slotProps={{ title: { id: 'legal-hold-title', component: 'h2', variant: 'h6' } }}
      />
      <CardContent>
        {resource === 'sessions' && meeting.meetingId ? <HeldThroughMeeting meetingId={meeting.meetingId} /> : null}
        {held ? (
          <Alert severity="warning" data-testid="legal-hold-status">
            <AlertTitle>{translate(`mina.retention.hold_on_${resource}`)}</AlertTitle>
            {translate('mina.retention.hold_since')} <DateTimeText value={meeting.legalHoldAt} />
            {meeting.legalHoldBy ? (
              <>
                {' '}
                {translate('mina.retention.hold_by')} <HeldBy userId={meeting.legalHoldBy} />
              </>
            ) : null}
            {meeting.legalHoldReason ? <Typography variant="body2">{translate('mina.retention.hold_reason_is', { reason: meeting.legalHoldReason })}</Typography> : null}
          </Alert>
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="legal-hold-status">
            {translate(`mina.retention.hold_off_${resource}`)}
          </Typography>
        )}
        {canAccess ? (
          <Stack gap={2} mt={2} component="form" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
            <FormControlLabel
              control={<Switch checked={hold} onChange={(e) => setHold(e.target.checked)} />}
              label={translate(`mina.retention.hold_switch_${resource}`)}
            />
            {hold ? (
              <TextField
                id="legal-hold-reason"
                label={translate('mina.retention.hold_reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                multiline
                minRows={2}
                size="small"
                error={reason.length > REASON_MAX}
                helperText={translate('mina.retention.hold_reason_help', { count: reason.length, max: REASON_MAX })}
              />
            ) : null}
            <Button type="submit" variant="contained" disabled={!changed || save.isPending || reason.length > REASON_MAX} sx={{ alignSelf: 'flex-start' }}>
              {translate('ra.action.save')}
            </Button>
          </Stack>
        ) : null}
      </CardContent>
    </Card>
  );
};
