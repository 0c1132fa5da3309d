import { s, type JsonSchema } from '../llm/json-schema.js';
import type { SummaryTemplateSection } from '../summary-template.js';
import { SUMMARY_ITEM_SCHEMA, type SummaryAnswerItem } from './summary.prompt.js';

/** The template's own sections in a summary answer, by section key. */
export type SectionsAnswer = Record<string, SummaryAnswerItem[]>;

/** The summary schema plus a `sections` object with one list per asked section (none: the schema as it is). */
export function withSections(schema: JsonSchema, sections: readonly SummaryTemplateSection[]): JsonSchema {
  if (sections.length === 0 || schema.type !== 'object') return schema;
  const properties = Object.fromEntries(
    sections.map((x) => [x.key, s.array(SUMMARY_ITEM_SCHEMA, `${x.title}: ${x.instruction}`)]),
  );
  return s.object({
    ...schema.properties,
    sections: s.object(properties, "The summary template's sections"),
  });
}

/** Said to the model after the usual instructions when the template has sections of its own. */
export function sectionsInstruction(
  templateName: string,
  sections: readonly SummaryTemplateSection[],
): string {
  if (sections.length === 0) return '';
  const lines = sections.map((x) => `- ${x.key} (${x.title}): ${x.instruction}`);
  return [
    `\nThis is a "${templateName}" meeting. Besides the usual fields, fill "sections" with one list per key below,`,
    'each item supported by the transcript (cite lines); leave a list empty when the meeting did not cover it.',
    ...lines,
  ].join('\n');
}
