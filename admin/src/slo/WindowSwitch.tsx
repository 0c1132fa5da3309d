import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslate } from 'react-admin';
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
        <ToggleButton key={w} value={w} aria-label={translate(`mina.slo.windows.${w}`)}>
          {w}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};
