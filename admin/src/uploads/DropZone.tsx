import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { Box, Button, Typography } from '@mui/material';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslate } from 'react-admin';
import { AUDIO_ACCEPT } from './audioFiles';

/** Drag and drop, or the file picker (keyboard and screen readers use the button). */
export const DropZone = ({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled?: boolean }) => {
  const translate = useTranslate();
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!disabled && event.dataTransfer.files.length) onFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <Box
      data-testid="upload-dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      sx={{
        border: 2,
        borderStyle: 'dashed',
        borderColor: over ? 'primary.main' : 'divider',
        bgcolor: over ? 'action.hover' : 'transparent',
        borderRadius: 2,
        p: 4,
        textAlign: 'center',
        transition: 'border-color 120ms, background-color 120ms',
      }}
    >
      <CloudUploadIcon aria-hidden sx={{ fontSize: 48, color: over ? 'primary.main' : 'text.secondary' }} />
      <Typography variant="h6" component="p">
        {translate('mina.uploads.drop')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
        {translate('mina.uploads.or')}
      </Typography>
      {/* A real button: a <label> styled as one takes focus but ignores Enter and Space. */}
      <Button
        variant="contained"
        disabled={disabled}
        startIcon={<CloudUploadIcon />}
        onClick={() => picker.current?.click()}
      >
        {translate('mina.uploads.choose')}
      </Button>
      <input
        ref={picker}
        hidden
        type="file"
        multiple
        accept={AUDIO_ACCEPT}
        aria-label={translate('mina.uploads.choose_label')}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared so that choosing the same file again (to resume it) fires a change.
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </Box>
  );
};
