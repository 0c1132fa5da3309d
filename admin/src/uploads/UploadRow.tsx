import DeleteIcon from '@mui/icons-material/Delete';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import UploadIcon from '@mui/icons-material/Upload';
import { Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatBytes } from '../format/numbers';
import type { Meeting } from '../types';
import { StageSteps } from './StageSteps';
import { UploadStatus } from './UploadStatus';
import { uploadQueue, type UploadItem } from './uploadQueue';

export const LANGUAGES = ['', 'en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'ja', 'zh'];

/** One file: its details while still local, its stage, progress and the actions that fit it. */
export const UploadRow = ({ item, meetings }: { item: UploadItem; meetings: Meeting[] }) => {
  const translate = useTranslate();
  const editable = item.stage === 'local' && !item.duplicate;
  const moving = item.stage === 'queued' || item.stage === 'uploading';
  const titleMissing = !item.title.trim();

  return (
    <Paper
      component="li"
      variant="outlined"
      aria-label={translate('mina.uploads.file_label', { name: item.file.name })}
      data-testid="upload-item"
      data-stage={item.stage}
      sx={{ p: 2, listStyle: 'none' }}
    >
      <Stack direction="row" alignItems="center" gap={1} flexWrap="wrap">
        <Box flex={1} minWidth={200}>
          <Typography fontWeight={600} sx={{ wordBreak: 'break-all' }}>
            {item.file.name}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {formatBytes(item.file.size)}
          </Typography>
        </Box>
        {editable ? (
          <Button
            size="small"
            variant="contained"
            startIcon={<UploadIcon />}
            disabled={titleMissing}
            onClick={() => uploadQueue.send(item.key)}
          >
            {translate('mina.uploads.upload')}
          </Button>
        ) : null}
        {moving && !item.paused && !item.error ? (
          <Button size="small" startIcon={<PauseIcon />} onClick={() => uploadQueue.pause(item.key)}>
            {translate('mina.uploads.pause')}
          </Button>
        ) : null}
        {moving && item.paused ? (
          <Button size="small" startIcon={<PlayArrowIcon />} onClick={() => uploadQueue.resume(item.key)}>
            {translate('mina.uploads.resume')}
          </Button>
        ) : null}
        {item.error && (item.stage === 'queued' || item.stage === 'uploading') ? (
          <Button size="small" startIcon={<ReplayIcon />} onClick={() => uploadQueue.retry(item.key)}>
            {translate('mina.uploads.retry')}
          </Button>
        ) : null}
        <Button
          size="small"
          color="inherit"
          startIcon={<DeleteIcon />}
          onClick={() => uploadQueue.remove(item.key)}
        >
          {translate('mina.uploads.remove')}
        </Button>
      </Stack>

      {editable ? (
        <Stack direction={{ xs: 'column', md: 'row' }} gap={2} mt={1}>
          <TextField
            label={translate('mina.uploads.title_field')}
            value={item.title}
            onChange={(e) => uploadQueue.edit(item.key, { title: e.target.value })}
            error={titleMissing}
            helperText={titleMissing ? translate('mina.uploads.title_required') : ' '}
            slotProps={{ htmlInput: { maxLength: 300 } }}
            sx={{ flex: 2 }}
            size="small"
          />
          <TextField
            select
            label={translate('mina.uploads.meeting')}
            value={item.meetingId}
            onChange={(e) => uploadQueue.edit(item.key, { meetingId: e.target.value })}
            helperText=" "
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            sx={{ flex: 1, minWidth: 180 }}
            size="small"
          >
            <MenuItem value="">{translate('mina.uploads.no_meeting')}</MenuItem>
            {item.meetingId && !meetings.some((m) => m.id === item.meetingId) ? (
              <MenuItem value={item.meetingId}>{item.meetingId}</MenuItem>
            ) : null}
            {meetings.map((m) => (
              <MenuItem key={m.id} value={m.id}>
                {m.title}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={translate('mina.uploads.language')}
            value={item.language}
            onChange={(e) => uploadQueue.edit(item.key, { language: e.target.value })}
            helperText=" "
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            sx={{ flex: 1, minWidth: 160 }}
            size="small"
          >
            {LANGUAGES.map((l) => (
              <MenuItem key={l} value={l}>
                {l ? translate(`mina.language.${l}`, { _: l }) : translate('mina.uploads.auto_language')}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      ) : (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {item.title}
        </Typography>
      )}

      {item.duplicate ? null : <StageSteps item={item} />}
      <UploadStatus item={item} />
    </Paper>
  );
};
