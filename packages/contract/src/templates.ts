/*
 * Summary templates (/api/templates) and the sections a templated summary carries. Six built-ins
 * are defined by the server; a workspace adds its own. The server answers ISO strings already,
 * so these views take no `T`.
 */
import type { SummaryItem } from './views.js';

/** The built-in templates' ids, in the order the console lists them. */
export const BUILT_IN_TEMPLATE_IDS = [
  'standard',
  'one-to-one',
  'stand-up',
  'sales-call',
  'retrospective',
  'interview',
] as const;
export type BuiltInTemplateId = (typeof BUILT_IN_TEMPLATE_IDS)[number];

/** The template a summary uses when neither the meeting nor the workspace chose one. */
export const DEFAULT_TEMPLATE_ID: BuiltInTemplateId = 'standard';

export interface TemplateSectionView {
  /** Stable within the template: the key of the summary's section. */
  key: string;
  title: string;
  /** What the model is asked to put in the section. */
  instruction: string;
}

/** GET /api/templates, /api/templates/:id. */
export interface TemplateView {
  /** A built-in's name-like id (`stand-up`) or a custom template's UUID. */
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  /** The workspace's default (`settings.summaryTemplate`, else `standard`). */
  isDefault: boolean;
  sections: TemplateSectionView[];
  /** Null for built-ins. */
  createdAt: string | null;
  updatedAt: string | null;
}

export interface TemplateSectionInput {
  title: string;
  instruction: string;
}

/** POST /api/templates; PUT /api/templates/:id takes any part of it. */
export interface TemplateInput {
  name: string;
  description?: string | null;
  sections: TemplateSectionInput[];
}

/** The template a summary was written with. */
export interface SummaryTemplateRef {
  id: string;
  name: string;
}

/** One of the template's sections in a summary. */
export interface SummarySectionView {
  key: string;
  title: string;
  items: SummaryItem[];
  /** Set when the section could not be written (e.g. without AI): why, instead of invented content. */
  unavailable?: string;
}
