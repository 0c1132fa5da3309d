import { Checkbox, FormControlLabel, FormGroup, FormLabel, Stack, Switch, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { WEBHOOK_EVENT_TYPES, type WebhookInput } from '@mina/contract/webhooks';

/** URL, description, event types and the enabled switch: shared by create and edit. */
export const WebhookForm = ({ value, onChange }: { value: WebhookInput; onChange: (next: WebhookInput) => void }) => {
  const translate = useTranslate();
  const toggle = (type: string) =>
    onChange({ ...value, events: value.events.includes(type) ? value.events.filter((e) => e !== type) : [...value.events, type] });
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <TextField
        label={translate('mina.webhooks.url')}
        value={value.url}
        onChange={(e) => onChange({ ...value, url: e.target.value })}
        required
        fullWidth
        inputProps={{ maxLength: 2048 }}
      />
      <TextField
        label={translate('mina.webhooks.description')}
        value={value.description ?? ''}
        onChange={(e) => onChange({ ...value, description: e.target.value })}
        fullWidth
        inputProps={{ maxLength: 500 }}
      />
      <FormGroup>
        <FormLabel>{translate('mina.webhooks.events')}</FormLabel>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <FormControlLabel key={type} control={<Checkbox checked={value.events.includes(type)} onChange={() => toggle(type)} />} label={type} />
        ))}
      </FormGroup>
      <FormControlLabel
        control={<Switch checked={value.enabled ?? true} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} />}
        label={translate('mina.webhooks.enabled')}
      />
    </Stack>
  );
};
