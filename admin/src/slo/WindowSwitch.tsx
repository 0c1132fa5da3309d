import { Box, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslate } from 'react-admin';
import { visuallyHidden } from '../components/visuallyHidden';
import { SLO_WINDOWS, type SloWindow } from '../types';

export const WindowSwitch = ({ value, onChange }: { value: SloWindow; onChange: (w: SloWindow) => void }) => {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={value}
      onChange={(_, next: SloWindow | null) => next && onChange(next)}
      aria-label={translate('mina.slo.window')}
    >
      {SLO_WINDOWS.map((w) => (
        // The visible "24h" starts the accessible name (axe: label-content-name-mismatch).
        <ToggleButton key={w} value={w}>
          {w}
          <Box component="span" sx={visuallyHidden}>
            {` (${translate(`mina.slo.windows.${w}`)})`}
          </Box>
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};
