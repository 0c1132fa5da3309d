/** Who a trigger makes responsible: the speaker, whoever is addressed, a named party, or the team. */
export type TriggerKind =
  'self' | 'self-obligation' | 'request' | 'directive' | 'named' | 'team' | 'team-plan' | 'explicit';

export interface Trigger {
  kind: TriggerKind;
  /** Prior belief that a sentence of this shape is a task, before cues move it. */
  base: number;
  pattern: RegExp;
}

// "rest" is what follows the trigger: the task itself, in the speaker's words. Bases are set so a
// bare "I'll …" needs one supporting cue (a task verb, a deadline, "after the meeting") to pass.
export const TRIGGERS: Trigger[] = [
  {
    kind: 'explicit',
    base: 0.85,
    pattern:
      /\b(?:action items?|to-?dos?|next steps?)\b(?:\s+for\s+[\w ]{1,30}?)?\s*(?::|-|is|are|would be|will be)\s+(?<rest>.+)/i,
  },
  {
    kind: 'explicit',
    base: 0.6,
    pattern:
      /(?:^|[,;]\s*|\b(?:and|so|please|also|then)\s+)(?<rest>(?:make sure|don't forget to|do not forget to|remember to|be sure to|follow[- ]up (?:on|with)|circle back (?:on|with)) .+)/i,
  },
  { kind: 'self', base: 0.5, pattern: /\bI(?:'ll| will| shall|'m going to| am going to)\s+(?<rest>.+)/i },
  { kind: 'self', base: 0.5, pattern: /\bremind me to\s+(?<rest>.+)/i },
  { kind: 'self', base: 0.4, pattern: /\bI can\s+(?<rest>.+)/i },
  { kind: 'self', base: 0.35, pattern: /\blet me\s+(?<rest>.+)/i },
  {
    kind: 'self-obligation',
    base: 0.45,
    pattern: /\bI(?: need to| have to|'ve got to| got to| must| should| ought to)\s+(?<rest>.+)/i,
  },
  {
    kind: 'request',
    base: 0.35,
    pattern:
      /\b(?:can|could|would|will) you(?: please)?(?: guys| all)?\s+(?<rest>.+)|\bwould you mind\s+(?<restIng>.+)|\bwhy don't you\s+(?<rest2>.+)/i,
  },
  { kind: 'request', base: 0.45, pattern: /(?:^|[,;]\s*)please\s+(?<rest>.+)/i },
  {
    kind: 'directive',
    base: 0.4,
    pattern: /\byou(?: guys| all)?(?:'ll| will|'re going to| are going to)\s+(?<rest>.+)/i,
  },
  // "You have to …" is as often the impersonal "one has to" as an instruction.
  {
    kind: 'directive',
    base: 0.35,
    pattern: /\byou(?: guys| all)?(?: need to| have to|'ve got to| must| should)\s+(?<rest>.+)/i,
  },
  {
    kind: 'team',
    base: 0.45,
    pattern:
      /\bwe(?: need to| have to|'ve got to| got to| must| should|'ll need to| will need to|'re going to need to|'re going to have to)\s+(?<rest>.+)/i,
  },
  { kind: 'team', base: 0.4, pattern: /\b(?:let's|let us)\s+(?<rest>.+)/i },
  { kind: 'team-plan', base: 0.3, pattern: /\bwe(?:'ll| will|'re going to| are going to)\s+(?<rest>.+)/i },
];

// In-meeting moves ("I'll go first", "let's move on"), not work to do afterwards.
export const FLOW_VERBS = new Set(
  `go start begin continue see say move show draw present explain hear listen introduce sit wait pass
  repeat stop wrap talk discuss chat tell mention recap summarise summarize read answer speak come hand
  leave jump skip turn switch plug stay guess bet admit confess assume suppose wonder imagine agree
  concede grant note point`.split(/\s+/),
);

// Predictions about the addressee, not requests ("you'll all get instructions").
export const RECEIVE_VERBS = new Set(
  'get receive see hear have find notice like love enjoy know need want be feel understand remember'.split(
    ' ',
  ),
);

export const STRONG_VERBS = new Set(
  `send email mail write prepare draft review update fix schedule book organise organize contact call
  check follow finish complete circulate set investigate research find sort arrange order buy
  deploy test implement create design build make put submit upload document record compile collect
  gather confirm verify ping notify inform clarify estimate measure analyse analyze compare evaluate
  share distribute print post publish fill coordinate handle own assign plan specify define outline
  sketch prototype add remove change replace merge release ship install configure migrate clean`.split(/\s+/),
);

// Follow-up context turns a vague statement into work to do outside the meeting.
export const STRONG_PHRASE =
  /^(?:take care of|look into|follow up|reach out|get back to|find out|figure out|sort out|set up|write up|put together|work on|get in touch|check with|talk to|speak to)\b/i;

/** Softened suggestions ("I think we should…") are ideas more often than assignments. */
export const HEDGED_LEAD =
  /\b(?:I think|I guess|I suppose|maybe|perhaps|probably|I don't know|I dunno|I'm not sure)\b/i;

/** Relative and purpose clauses ("what I'm going to write", "so I can write it") describe, not commit. */
export const RELATIVE_LEAD =
  /(?:\b(?:what|which|how|where|who|whom|whatever|whoever|why|in order|because|cause)|\w\s+so(?: that)?)\s*$/i;

/** Regret and counterfactuals ("should have been", "would have") look back, not ahead. */
export const COUNTERFACTUAL = /\b(?:would|could|should|might|must) have\b|\bhave been\b/i;

export const AFTER_MEETING =
  /\b(?:after (?:the|this) meeting|afterwards|offline|later(?: on| today| this week)?|before (?:the |our )?next meeting|for (?:the |our )?next meeting|by (?:the |our )?next meeting|in the meantime|between now and then|before we meet again|after lunch|until next time)\b/i;

export const IN_ROOM =
  /\b(?:right now|now|here|first|this one|that one|over there|on the (?:white-?)?board|on the screen|this slide|next slide|behind me|for a (?:second|sec|moment|minute)|in a (?:second|sec|moment|minute)|(?:this|that|it|these|those|them) down|to a close|call it a day)\b/i;

/** Conditionals and suppositions before the trigger make the task hypothetical. */
export const HYPOTHETICAL_LEAD =
  /\b(?:if|unless|whether|suppose|supposing|imagine|in case|what if|even if|as if|would)\b/i;

export const PAST_QUESTION =
  /^(?:did|didn't|have|haven't|has|hasn't|had|hadn't|were|was|weren't|wasn't)\b[^?]*\?$/i;
export const WH_QUESTION =
  /^(?:what|why|how|when|where|who|which|whose)\b(?:(?!\s+don't\s+(?:you|we)\b)[^?]*\?$|\s+(?:will|would|can|could|should|shall|does|do|did|is|are|was|were|has|have)\b)/i;

/** "Sure, I'll do it": an acceptance whose object is the request just made. */
export const PRONOUN_TASK =
  /^(?:do|handle|take care of|sort|deal with|look into|get|send|own|cover|take)\s+(?:it|that|this|them|those)(?:\s+(?:out|on|over|one))?$/i;

// A bare "yeah" is as often a backchannel as a yes, so it only counts with a commitment after it.
export const ACCEPTANCE =
  /^(?:sure|will do|no problem|of course|absolutely|on it|consider it done|happy to|(?:(?:yes|yeah|yep|ok|okay|alright)[,.!]?\s+)?(?:I can|I'll|I will|I'm on it))\b/i;
