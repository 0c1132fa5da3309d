import { isStopword } from './stopwords.js';

export interface SpeakerAlias {
  /** Lower-case words as they would be said ("industrial designer", "laura"). */
  alias: string;
  name: string;
}

// Role and title words say nothing about who is meant when they stand alone.
const GENERIC = new Set(
  `project user industrial grad phd professor postdoc undergrad speaker chair chairman chairwoman minister
  member hon honourable honorable mr mrs ms miss dr sir madam the designer manager interface expert officer
  lead engineer director marketing team everyone everybody guest host unknown`.split(/\s+/),
);

function bare(name: string): string {
  return name
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(?:hon|mr|mrs|ms|dr|prof)\.?\s+/gi, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Ways a participant may be named aloud: the full display name, the diarization label, and a
 * given name or surname that is not a role word. Longest first, so the most specific wins.
 */
export function speakerAliases(
  displayNames: Iterable<string>,
  speakerNames: Readonly<Record<string, string>> = {},
): SpeakerAlias[] {
  const out = new Map<string, string>();
  const add = (alias: string, name: string) => {
    if (alias.length >= 2 && !out.has(alias)) out.set(alias, name);
  };
  const pairs: Array<[string, string]> = [
    ...[...displayNames].map((n): [string, string] => [n, n]),
    ...Object.entries(speakerNames),
  ];
  for (const [label, name] of pairs) {
    for (const form of [bare(name), bare(label)]) {
      add(form, name);
      const tokens = form.split(' ');
      if (tokens.length < 2) continue;
      for (const token of [tokens[0], tokens[tokens.length - 1]]) {
        if (token.length >= 3 && !GENERIC.has(token) && !isStopword(token)) add(token, name);
      }
    }
  }
  return [...out.entries()]
    .map(([alias, name]) => ({ alias, name }))
    .sort((a, b) => b.alias.length - a.alias.length);
}

/** The participant a phrase names, if any ("as the industrial designer", "and John"). */
export function findSpeaker(phrase: string, aliases: readonly SpeakerAlias[]): string | null {
  const text = ` ${bare(phrase)} `;
  return aliases.find(({ alias }) => text.includes(` ${alias} `))?.name ?? null;
}
