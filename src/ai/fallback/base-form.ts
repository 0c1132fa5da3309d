// Stems that end consonant-vowel-consonant yet never took an "e" ("visit"-ing, not "visite").
const NO_SILENT_E = new Set(
  `visit open listen happen offer answer enter order consider deliver discover develop edit gather cover wonder
  remember monitor limit focus target budget render filter audit credit exhibit benefit follow borrow allow
  show know throw draw review fix mix box tax wax sew plan ship chat run put get set cut sit hit let shut
  travel cancel label model level signal total email pick check book look work think send read fill call
  sort test`.split(/\s+/),
);
const IRREGULAR: Record<string, string> = {
  being: 'be',
  having: 'have',
  doing: 'do',
  going: 'go',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  seeing: 'see',
  using: 'use',
  making: 'make',
  taking: 'take',
  writing: 'write',
  giving: 'give',
  coming: 'come',
  changing: 'change',
  arranging: 'arrange',
  releasing: 'release',
  increasing: 'increase',
  purchasing: 'purchase',
  bringing: 'bring',
  creating: 'create',
  scheduling: 'schedule',
  eating: 'eat',
  heating: 'heat',
};

/** Base form of an -ing verb ("putting" → "put", "preparing" → "prepare"); other words unchanged. */
export function baseForm(word: string): string {
  const lower = word.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower];
  if (!lower.endsWith('ing') || lower.length <= 5) return word;
  const stem = lower.slice(0, -3);
  if (NO_SILENT_E.has(stem)) return stem;
  if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(?:ll|ss|zz|ff)$/.test(stem)) {
    return stem === 'add' || stem === 'err' ? stem : stem.slice(0, -1);
  }
  if (
    /(?:[^aeiou][aeiou][bcdgkmnpstvz]|[^aeiou][aiou]r|[aeiou][cgsv]|[^aeiou]at|dg|rg|ang|ns|rs|rv|lv|lg|rc|nc)$/.test(
      stem,
    )
  ) {
    return `${stem}e`;
  }
  return stem;
}
