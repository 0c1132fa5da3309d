import type { ChatRequest } from './fake-openai.types.js';

/** A section the summary request asks for: its key and the `Title: instruction` Mina put in the schema. */
export interface RequestedSection {
  key: string;
  title: string;
}

/** The template sections a `meeting_summary` request's schema asks for (none for the standard template). */
export function requestedSections(req: ChatRequest): RequestedSection[] {
  const sections = req.schema?.properties?.sections?.properties ?? {};
  return Object.entries(sections).map(([key, schema]) => ({
    key,
    title: (schema.description ?? key).split(':')[0],
  }));
}

/**
 * The `sections` object of an answer: one item per requested section, written by `item` (which
 * says what it is and cites a line), so a test can see each section reached the summary.
 */
export function answerSections<T>(
  req: ChatRequest,
  item: (section: RequestedSection) => T,
): { sections: Record<string, T[]> } | Record<string, never> {
  const asked = requestedSections(req);
  if (asked.length === 0) return {};
  return { sections: Object.fromEntries(asked.map((section) => [section.key, [item(section)]])) };
}
