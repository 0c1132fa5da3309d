import { SelectInput } from 'react-admin';
import { TRANSLATION_LANGUAGES } from '@mina/contract/translation';

const choices = TRANSLATION_LANGUAGES.map((l) => ({ id: l.code, name: l.name }));

/** settings.summaryLanguage: the AI writes the workspace's summaries in it; empty = each meeting's own language. */
export const SummaryLanguageInput = () => (
  <SelectInput
    source="settings.summaryLanguage"
    label="mina.translation.summary_language"
    helperText="mina.translation.summary_language_help"
    choices={choices}
    emptyText="mina.translation.meeting_language"
    // null removes the setting (an empty string would be refused).
    parse={(value: string) => value || null}
    format={(value: string | null | undefined) => value ?? ''}
  />
);
