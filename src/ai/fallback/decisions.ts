import { isBackchannel } from './backchannel.js';
import type { Sentence } from './sentences.js';
import type { SummaryItem } from './summary-item.js';
import { contentTerms, words } from './tokenize.js';

export interface DecisionsRisksQuestions {
  decisions: SummaryItem[];
  risks: SummaryItem[];
  questions: SummaryItem[];
}

export interface DecisionOptions {
  /** Most items per section, the strongest kept, in time order. */
  limit?: number;
}

const DECISION =
  /\b(?:we(?:'ve| have)? (?:decided|agreed)|(?:it's|it is|it was|that's) (?:decided|agreed|settled)|decided (?:to|on|that)|the decision (?:is|was)|final decision|agreed (?:to|on|that)|we(?:'re| are) all agreed|let's (?:go|stick) with|we(?:'ll| will)? go with|we(?:'re| are) going (?:to go )?with|we(?:'ll| will) (?:use|stick with|keep|drop)|we(?:'re| are) going to use|settled on|the consensus is|we(?:'ll| will) go ahead with)\b/i;
const UNDECIDED =
  /\b(?:not|haven't|hasn't|didn't|don't|never|yet to|if|whether|need to|should)\s+(?:\w+\s+){0,2}(?:decided?|agreed?)\b|\bundecided\b|\b(?:need|needs|has|have|got) to (?:\w+\s+){0,3}decision\b|\b(?:reach|make) (?:a|the) (?:\w+\s+)?decision\b/i;
const PROPOSAL =
  /\b(?:should we|shall we|how about|what about|why don't we|let's|I propose|I suggest|we could|maybe we)\b/i;
const AGREEMENT =
  /^(?:(?:yes|yeah|okay|ok|right|great|sure)[,.!]?\s+)?(?:agreed|fully agree|I agree|sounds good|let's do (?:it|that)|that works|deal|good idea|makes sense)\b/i;

const STRONG_RISK =
  /\b(?:risks?|risky|concern(?:s|ed|ing)?|worried|worry|worrying|blockers?|blocked|deadlines?|delay(?:s|ed)?|behind schedule|over budget|bottleneck|danger(?:ous)?|won't be able)\b/i;
const WEAK_RISK =
  /\b(?:problems?|problematic|might not|may not|downside|drawback|tricky|too expensive|can't afford)\b/i;
const NOT_A_RISK =
  /\b(?:no problems?|not a problem|no worries|not worried|not concerned|no concerns?|no risk|not a risk|problem solved|not an issue)\b|\b(?:don't|do not|not|never|no need to|haven't|won't)\s+(?:\w+\s+){0,3}worr(?:y|ied)\b/i;

const OPEN_MARKER =
  /\b(?:open question|still need to (?:figure out|decide|find out|work out)|need to (?:figure out|find out)|to be (?:determined|decided|confirmed)|tbd|not sure yet|don't know yet|still unclear|unresolved|yet to be (?:decided|determined))\b/i;
const NON_ANSWER =
  /\b(?:I don't know|I dunno|dunno|not sure|no idea|good question|no clue|who knows|we'll see|hard to say|can't say)\b/i;
const SKIP_QUESTION =
  /^(?:(?:can|could|would|will) you\b|do you want|shall we (?:start|begin|go)|can (?:you|everyone) (?:hear|see)|is that (?:right|okay|ok|it)|does that make sense|are we (?:ready|done|good)|right|really|yeah|okay|isn't it|you know|did you|have you)\b/i;

const TAG_QUESTION =
  /,\s*(?:isn't it|is it|right|okay|ok|yeah|no|don't you think|aren't they|isn't that|wasn't it|didn't we|do you|you know|eh)\?$/i;
const WINDOW_MS = 30_000;
const MIN_WORDS = 5;

function item(s: Sentence, text = s.text): SummaryItem {
  return { text, ...(s.speaker ? { speaker: s.speaker } : {}), atMs: s.startMs };
}

function strongest(
  scored: Array<{ s: Sentence; score: number; text?: string }>,
  limit: number,
): SummaryItem[] {
  const seen = new Set<string>();
  return scored
    .filter(({ s, text }) => !seen.has(text ?? s.text) && seen.add(text ?? s.text))
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index)
    .slice(0, limit)
    .sort((a, b) => a.s.index - b.s.index)
    .map(({ s, text }) => item(s, text));
}

/** Open unless someone else gives a real answer soon; "good question" and "I don't know" are not answers. */
function unanswered(sentences: readonly Sentence[], q: Sentence): boolean {
  for (const next of sentences.slice(q.index + 1, q.index + 8)) {
    if (next.startMs - q.endMs > WINDOW_MS) return true;
    if (next.speaker === q.speaker || isBackchannel(next.text)) continue;
    if (NON_ANSWER.test(next.text)) return true;
    if (!next.text.endsWith('?') && words(next.text).length >= 3) return false;
  }
  return true;
}

/**
 * Decisions ("we decided", "let's go with", an "agreed" after a proposal), risks ("risk",
 * "worried", "might not", "deadline") and open questions (explicitly open, or asked and left
 * without an answer from anyone else). Takes the whole output of splitSentences, since answers
 * and agreements are looked up among the neighbours.
 */
export function extractDecisions(
  sentences: readonly Sentence[],
  options: DecisionOptions = {},
): DecisionsRisksQuestions {
  const limit = options.limit ?? 8;
  const decisions: Array<{ s: Sentence; score: number; text?: string }> = [];
  const risks: Array<{ s: Sentence; score: number }> = [];
  const questions: Array<{ s: Sentence; score: number }> = [];

  for (const s of sentences) {
    const text = s.text.replace(/’/g, "'");
    const question = text.endsWith('?');
    const terms = contentTerms(text).length;
    const substantive = words(text).length >= MIN_WORDS && terms >= 2;

    if (!question && DECISION.test(text) && !UNDECIDED.test(text) && words(text).length >= MIN_WORDS) {
      decisions.push({ s, score: 2 + terms / 10 });
    } else if (AGREEMENT.test(text)) {
      const proposal = sentences
        .slice(Math.max(0, s.index - 2), s.index)
        .reverse()
        .find((p) => p.speaker !== s.speaker && PROPOSAL.test(p.text) && s.startMs - p.endMs <= WINDOW_MS);
      if (proposal) decisions.push({ s: proposal, score: 1 + terms / 10, text: proposal.text });
    }

    if (!question && substantive && !NOT_A_RISK.test(text)) {
      if (STRONG_RISK.test(text)) risks.push({ s, score: 2 + terms / 10 });
      else if (WEAK_RISK.test(text)) risks.push({ s, score: 1 + terms / 10 });
    }

    if (OPEN_MARKER.test(text)) questions.push({ s, score: 3 + terms / 10 });
    else if (
      question &&
      substantive &&
      !SKIP_QUESTION.test(text) &&
      !TAG_QUESTION.test(text) &&
      unanswered(sentences, s)
    ) {
      questions.push({ s, score: 1 + terms / 10 });
    }
  }

  return {
    decisions: strongest(decisions, limit),
    risks: strongest(risks, limit),
    questions: strongest(questions, limit),
  };
}
