/**
 * The six summary templates every workspace has, defined in code (read-only through the API).
 * `standard` is the summary Mina always wrote: its sections are the standard fields. The others
 * ask the model for sections of their own; `fallback` says what the local rules may fill a section
 * with when there is no model (the rest are marked unavailable, never invented).
 */
import type { BuiltInTemplateId } from '@mina/contract/templates';
import type { SummaryTemplate } from '#src/ai/summary-template.js';

export interface BuiltInTemplate extends SummaryTemplate {
  id: BuiltInTemplateId;
  description: string;
}

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  {
    id: 'standard',
    name: 'Standard',
    description: 'Overview, key points, decisions, risks and open questions.',
    sections: [
      { key: 'keyPoints', title: 'Key points', instruction: 'The main points discussed', field: 'keyPoints' },
      { key: 'decisions', title: 'Decisions', instruction: 'What the meeting decided', field: 'decisions' },
      { key: 'risks', title: 'Risks', instruction: 'Risks, concerns, blockers raised', field: 'risks' },
      {
        key: 'questions',
        title: 'Open questions',
        instruction: 'Questions left open at the end',
        field: 'questions',
      },
    ],
  },
  {
    id: 'one-to-one',
    name: 'One-to-one',
    description: 'A manager and a report: updates, feedback, growth and follow-ups.',
    sections: [
      {
        key: 'updates',
        title: 'Updates',
        instruction: 'What each person reported on their work since the last one-to-one',
      },
      {
        key: 'feedback',
        title: 'Feedback',
        instruction: 'Feedback given in either direction, with who gave it',
      },
      { key: 'growth', title: 'Growth', instruction: 'Career, skills and development goals discussed' },
      {
        key: 'followUps',
        title: 'Follow-ups',
        instruction: 'What someone agreed to do after the meeting, with the owner',
        fallback: 'actions',
      },
    ],
  },
  {
    id: 'stand-up',
    name: 'Stand-up',
    description: 'A daily stand-up: yesterday, today and blockers, per person.',
    sections: [
      {
        key: 'yesterday',
        title: 'Yesterday',
        instruction: 'What each person says they did since the last stand-up, attributed',
      },
      { key: 'today', title: 'Today', instruction: 'What each person plans to do today, attributed' },
      {
        key: 'blockers',
        title: 'Blockers',
        instruction: 'What blocks or slows someone down, attributed',
        fallback: 'risks',
      },
    ],
  },
  {
    id: 'sales-call',
    name: 'Sales call',
    description: 'A call with a customer or prospect: needs, objections, next steps, budget and timeline.',
    sections: [
      {
        key: 'customerNeeds',
        title: 'Customer needs',
        instruction: 'The problems and requirements the customer described',
      },
      {
        key: 'objections',
        title: 'Objections',
        instruction: 'Concerns or objections the customer raised, and how they were answered',
      },
      {
        key: 'nextSteps',
        title: 'Next steps',
        instruction: 'What either side agreed to do next, with the owner',
        fallback: 'actions',
      },
      {
        key: 'budgetTimeline',
        title: 'Budget & timeline',
        instruction: 'Budget, pricing, decision makers and dates mentioned',
      },
    ],
  },
  {
    id: 'retrospective',
    name: 'Retrospective',
    description: 'A team retrospective: what went well, what to improve, and actions.',
    sections: [
      { key: 'wentWell', title: 'Went well', instruction: 'What the team says went well' },
      {
        key: 'toImprove',
        title: 'To improve',
        instruction: 'What the team says went badly or should change',
      },
      {
        key: 'actions',
        title: 'Actions',
        instruction: 'Improvement actions agreed, with the owner',
        fallback: 'actions',
      },
    ],
  },
  {
    id: 'interview',
    name: 'Interview',
    description: 'A job interview: background, strengths, concerns and a recommendation.',
    sections: [
      {
        key: 'background',
        title: 'Candidate background',
        instruction: "The candidate's experience and background as they described it",
      },
      {
        key: 'strengths',
        title: 'Strengths',
        instruction: 'Strengths the candidate showed, with the evidence',
      },
      { key: 'concerns', title: 'Concerns', instruction: 'Gaps or concerns that came up, with the evidence' },
      {
        key: 'recommendation',
        title: 'Recommendation',
        instruction: 'Any hire / no-hire view the interviewers expressed; empty when none was said',
      },
    ],
  },
];

const BY_ID = new Map<string, BuiltInTemplate>(BUILT_IN_TEMPLATES.map((t) => [t.id, t]));

export const builtInTemplate = (id: string): BuiltInTemplate | undefined => BY_ID.get(id);

export const STANDARD_TEMPLATE = BY_ID.get('standard')!;
