import { Alert, Stack, Typography } from '@mui/material';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import type { Workspace } from '../types';
import { DaysInput, KeepTasksInput } from './PolicyInputs';
import { RetentionPreviewPanel, useRetentionPreview } from './RetentionPreviewPanel';

/**
 * The workspace's retention policy (settings.retention) in its edit form, with what the next
 * run would delete under the saved policy. Owners and admins only, as the API checks.
 */
export const RetentionSettings = () => {
  const translate = useTranslate();
  const workspace = useRecordContext<Workspace>();
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'workspaces', record: workspace });
  const preview = useRetentionPreview(workspace?.id, canAccess === true);
  if (!workspace || !canAccess) return null;
  const defaults = preview.data?.instanceDefaults;
  return (
    <Stack component="section" aria-labelledby="retention-title" gap={2} sx={{ width: '100%', mt: 2 }} data-testid="retention-settings">
      <Typography id="retention-title" variant="subtitle1" component="h2">
        {translate('mina.retention.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('mina.retention.help')}
      </Typography>
      <DaysInput source="settings.retention.transcriptDays" label="mina.retention.transcript_label" instanceDays={defaults?.transcriptDays} />
      <DaysInput source="settings.retention.audioDays" label="mina.retention.audio_label" instanceDays={defaults?.audioDays} />
      <KeepTasksInput instanceKeeps={defaults?.keepTasks} />
      <Alert severity="info" variant="outlined">
        {translate('mina.retention.hold_note')}
      </Alert>
      <RetentionPreviewPanel workspaceId={workspace.id} />
    </Stack>
  );
};
