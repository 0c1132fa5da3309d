import { Box, Step, StepLabel, Stepper } from '@mui/material';
import { useTranslate } from 'react-admin';
import { visuallyHidden } from '../components/visuallyHidden';
import { UPLOAD_STAGES, type UploadItem } from './uploadQueue';

/** local → queued → uploading → processing → synced; the current one is named for screen readers too. */
export const StageSteps = ({ item }: { item: UploadItem }) => {
  const translate = useTranslate();
  const active = UPLOAD_STAGES.indexOf(item.stage);
  const done = item.stage === 'synced';
  const failed = Boolean(item.error);
  return (
    <Stepper
      component="ol"
      activeStep={done ? UPLOAD_STAGES.length : active}
      alternativeLabel
      aria-label={translate('mina.uploads.stages')}
      data-testid="upload-stages"
      data-stage={item.stage}
      sx={{ my: 1, p: 0, listStyle: 'none' }}
    >
      {UPLOAD_STAGES.map((stage, index) => (
        <Step
          key={stage}
          component="li"
          completed={index < active || done}
          aria-current={index === active ? 'step' : undefined}
        >
          <StepLabel error={failed && index === active}>
            {translate(`mina.uploads.stage.${stage}`)}
            {index === active ? (
              <Box component="span" sx={visuallyHidden}>
                {` (${translate('mina.uploads.current_stage')})`}
              </Box>
            ) : null}
          </StepLabel>
        </Step>
      ))}
    </Stepper>
  );
};
