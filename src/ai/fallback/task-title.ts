import { baseForm } from './base-form.js';

const MAX_TITLE = 120;
// Where a spoken clause stops being the task and starts being its reason or an aside.
const CLAUSE_END =
  /[.;!?]|\s[-–—]\s|\s+(?:oh|wait|sorry|hang on|I mean)\b|\s+(?:I|we|you|he|she|they)\s+(?:must|should|need|have|will|'ll|can|could|would)\b|,\s*(?:and|or|but|so|because|since|although|though|which|who|whereas|if|unless|while|then|I guess|I think|I suppose|right|okay|ok|yeah|you know|I mean|I hope|if possible|please|as well)\b|\s+(?:because|since|so that|although|though|whereas|unless|otherwise)\b|\s+and\s+(?:then\s+)?(?:I|we|you|he|she|they|it)\b/i;
// Restarts surface as a capitalised word mid-clause once the disfluency marker is gone.
const RESTART = /\s(?:Well|Oh|So|No|Wait|Okay|OK|Actually|Yeah|Right|And|But|Or|Um|Uh)\b/;
const LEADING_HEDGE =
  /^(?:just|hopefully|also|then|now|probably|definitely|quickly|actually|really|maybe|perhaps|basically|all|both|still|first|please|kindly|go ahead and|try to|try and|be able to|make an effort to|have to|need to|want to|be sure to|start to|begin to|get to|go and)\s+/i;
// Pure fillers go before the clause is cut; a comma around them is no boundary.
const FILLERS = /\s*,?\s*\b(?:you know|kind of|sort of|kinda|sorta|basically|actually)\b,?/gi;
const NOISE =
  /\s*,?\s*\b(?:I guess|I think|I suppose|I mean|later|afterwards|asap|as soon as (?:possible|you can)|if (?:you can|possible|you could|you don't mind)|when you (?:get|have) a (?:chance|minute)|please|for me|right away|straight away|urgently)\b/gi;
const DANGLING =
  /\s+(?:and|or|but|so|the|a|an|to|of|with|for|on|in|at|by|then|is|are|be|like|um|uh|about|from|into|onto|over|under|through|across|after|before|than|if|because|while|my|your|our|their)$/i;

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Ends the title at a word boundary so it fits a list row. */
function fit(text: string): string {
  if (text.length <= MAX_TITLE) return text;
  const cut = text.slice(0, MAX_TITLE - 1).replace(/\s+\S*$/, '');
  return `${cut.replace(/[\s,;:]+$/, '')}…`;
}

/**
 * Imperative title from the words after a commitment ("I'll be sending the deck to finance
 * because…" → "Send the deck to finance"). Null when nothing task-like is left.
 */
export function taskTitle(clause: string): string | null {
  let text = clause
    .trim()
    .replace(/^[^\p{L}]+/u, '')
    .replace(FILLERS, ' ');
  for (const boundary of [CLAUSE_END, RESTART]) {
    const end = boundary.exec(text);
    if (end && end.index > 0) text = text.slice(0, end.index);
  }
  text = text.replace(NOISE, ' ').replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== text;) {
    prev = text;
    text = text.replace(LEADING_HEDGE, '');
  }
  text = text.replace(
    /^be\s+(?:(?:just|also|really|actually|hopefully)\s+)*(\w+ing)\b/i,
    (_m, verb: string) => baseForm(verb),
  );
  text = text.replace(/^(\w+ing)\b/i, (_m, verb: string) => baseForm(verb));
  text = text.replace(/[\s,;:'"“”]+$/, '');
  for (let prev = ''; prev !== text;) {
    prev = text;
    text = text.replace(DANGLING, '');
  }
  if (text.split(/\s+/).filter(Boolean).length < 2) return null;
  return fit(cap(text));
}
