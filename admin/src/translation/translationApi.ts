import { httpClient } from '../providers/httpClient';
import type { TranslationView } from '@mina/contract/translation';

const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/translations`;

export const translationsKey = (sessionId: string) => ['mina', 'translations', sessionId] as const;
export const translationKey = (sessionId: string, language: string) =>
  ['mina', 'translations', sessionId, language] as const;

export async function listTranslations(sessionId: string): Promise<TranslationView[]> {
  return (await httpClient(base(sessionId))).json as TranslationView[];
}

export async function getTranslation(sessionId: string, language: string): Promise<TranslationView> {
  return (await httpClient(`${base(sessionId)}/${encodeURIComponent(language)}`)).json as TranslationView;
}

/** Starts (202) or finds (200) the translation; either way the answer is its current state. */
export async function requestTranslation(sessionId: string, language: string): Promise<TranslationView> {
  return (await httpClient(base(sessionId), { method: 'POST', body: JSON.stringify({ language }) }))
    .json as TranslationView;
}

/** A translation still being made is asked for again every 2 s. */
export const translationPollMs = (view: TranslationView | undefined): number | false =>
  view && (view.status === 'pending' || view.status === 'running') ? 2_000 : false;
