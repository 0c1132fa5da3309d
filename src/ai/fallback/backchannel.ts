import { words } from './tokenize.js';

const BACKCHANNEL = new Set(
  `yeah yes yep yup yah no nope nah okay ok kay 'kay alright right sure cool great good fine nice lovely
  mm-hmm uh-huh mhm mm hmm hm um uh oh ah aha wow really exactly true indeed absolutely definitely
  perfect thanks thank you so and well maybe totally sounds agreed correct gotcha got it i see`.split(/\s+/),
);

/** True for turns that only acknowledge ("yeah", "okay, right", "mm-hmm") and carry no content. */
export function isBackchannel(text: string): boolean {
  const tokens = words(text);
  return tokens.length <= 4 && tokens.every((t) => BACKCHANNEL.has(t));
}
