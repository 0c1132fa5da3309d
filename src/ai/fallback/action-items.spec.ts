import { describe, expect, it } from 'vitest';
import { extractActionItems } from './action-items.js';
import { splitSentences } from './sentences.js';

// Wednesday.
const MEETING = new Date('2025-03-05T10:00:00Z');

/** Lines of [speaker, text], three seconds apart. */
function items(lines: Array<[string, string]>, speakerNames?: Record<string, string>) {
  const segments = lines.map(([speaker, text], i) => ({
    id: `s${i}`,
    speaker,
    text,
    startMs: i * 3000,
    endMs: i * 3000 + 2500,
  }));
  return extractActionItems(splitSentences(segments, speakerNames), { meetingDate: MEETING, speakerNames });
}

// A third voice keeps "you" from resolving to "the only other person".
const withAudience = (speaker: string, text: string): Array<[string, string]> => [
  ['Zoe', 'Morning all.'],
  ['Yuri', 'Hi.'],
  [speaker, text],
];

describe('extractActionItems: triggers', () => {
  it.each([
    [
      "I'll",
      'Alice',
      "I'll send the deck to finance by Friday.",
      { title: 'Send the deck to finance', assigneeName: 'Alice', dueDate: '2025-03-07' },
    ],
    [
      'I will',
      'Alice',
      'I will update the roadmap after the meeting.',
      { title: 'Update the roadmap after the meeting', assigneeName: 'Alice', dueDate: null },
    ],
    [
      "I'm going to",
      'Alice',
      "I'm going to draft the proposal tomorrow.",
      { title: 'Draft the proposal', assigneeName: 'Alice', dueDate: '2025-03-06', priority: 'high' },
    ],
    [
      'gonna',
      'Alice',
      "I'm gonna be putting the minutes into the shared folder.",
      { title: 'Put the minutes into the shared folder', assigneeName: 'Alice' },
    ],
    [
      'we need to',
      'Alice',
      'We need to fix the login bug asap.',
      { title: 'Fix the login bug', assigneeName: null, priority: 'urgent' },
    ],
    [
      'name + can you',
      'Alice',
      'Bob, can you review the contract by next week?',
      { title: 'Review the contract', assigneeName: 'Bob', dueDate: '2025-03-10' },
    ],
    [
      'could you + trailing name',
      'Alice',
      'Could you send me the slides before Monday, Carol?',
      { title: 'Send me the slides', assigneeName: 'Carol', dueDate: '2025-03-10' },
    ],
    [
      "let's",
      'Alice',
      "Let's schedule a follow-up with the vendor next week.",
      { title: 'Schedule a follow-up with the vendor', assigneeName: null, dueDate: '2025-03-10' },
    ],
    [
      'X will',
      'Alice',
      'Dave will prepare the budget by the end of the month.',
      { title: 'Prepare the budget', assigneeName: 'Dave', dueDate: '2025-03-31' },
    ],
    [
      'action item',
      'Alice',
      'Action item: Carol to book the venue.',
      { title: 'Book the venue', assigneeName: 'Carol' },
    ],
    [
      'make sure',
      'Alice',
      'Make sure the demo environment is ready by Monday.',
      { title: 'Make sure the demo environment is ready', dueDate: '2025-03-10' },
    ],
    [
      'follow up',
      'Alice',
      'Please follow up with legal about the NDA.',
      { title: 'Follow up with legal about the NDA' },
    ],
    [
      'urgency cue',
      'Alice',
      "This is urgent, I'll fix the payment page today.",
      { title: 'Fix the payment page', assigneeName: 'Alice', dueDate: '2025-03-05', priority: 'urgent' },
    ],
    [
      'low-priority cue',
      'Alice',
      'John, could you email the client when you get a chance?',
      { title: 'Email the client', assigneeName: 'John', priority: 'low' },
    ],
    [
      'explicit date',
      'Alice',
      'I will submit the report by March 14.',
      { title: 'Submit the report', dueDate: '2025-03-14' },
    ],
    [
      'numeric date',
      'Alice',
      'I will submit the report by 3/20.',
      { title: 'Submit the report', dueDate: '2025-03-20' },
    ],
  ])('%s', (_trigger, speaker, text, expected) => {
    const found = items(withAudience(speaker, text));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      priority: 'medium',
      dueDate: null,
      ...expected,
      speaker,
      evidence: text,
    });
  });
});

describe('extractActionItems: false positives', () => {
  it.each([
    ["I'll be honest, the numbers look bad."],
    ["I'll say this once more, the plan is fine."],
    ['I will admit it was harder than expected.'],
    ["I'll tell you what happened last time."],
    ['Did you send the report yesterday?'],
    ['What will you do about the budget?'],
    ['If we need to, we can revisit the plan.'],
    ["I'll go first."],
    ["Let's move on to the next topic."],
    ["Let's see what we have here."],
    ["We don't need to change the schedule."],
    ['I will not attend the review.'],
    ['I should have sent the report last week.'],
    ["You'll all get the instructions by email."],
    ["I still don't know what I'm gonna write about."],
    ['Could you plug me in?'],
    ['Just to make sure we all know each other.'],
    ['I need to know so I can write it down.'],
    ["I'll just draw a different kind of dog here."],
  ])('"%s"', (text) => {
    expect(items(withAudience('Alice', text))).toEqual([]);
  });
});

describe('extractActionItems: owners and duplicates', () => {
  it('gives a request to whoever accepts it', () => {
    const found = items([
      ['Alice', 'Could you update the wiki page?'],
      ['Bob', "Sure, I'll do it."],
      ['Carol', 'Thanks.'],
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ title: 'Update the wiki page', assigneeName: 'Bob', speaker: 'Alice' });
  });

  it('gives a request in a two-person meeting to the other person', () => {
    const found = items([
      ['Alice', 'Can you send the invoice to accounting?'],
      ['Bob', 'Right.'],
    ]);
    expect(found[0]).toMatchObject({ title: 'Send the invoice to accounting', assigneeName: 'Bob' });
  });

  it('resolves roles and labels to display names', () => {
    const found = items(
      [
        ['S1', 'As the designer, you are going to sketch the new layout.'],
        ['S2', 'Okay.'],
        ['S3', 'Fine.'],
      ],
      { S1: 'Laura', S2: 'Designer', S3: 'Marketing' },
    );
    expect(found[0]).toMatchObject({
      title: 'Sketch the new layout',
      assigneeName: 'Designer',
      speaker: 'Laura',
    });
  });

  it('merges a repeated commitment and keeps the first mention with the deadline filled in', () => {
    const found = items([
      ['Alice', "I'll send the slides."],
      ['Bob', 'Great.'],
      ['Carol', 'Anything else?'],
      ['Alice', 'And to be clear, I will send the slides by Friday.'],
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      title: 'Send the slides',
      assigneeName: 'Alice',
      dueDate: '2025-03-07',
    });
    expect(found[0].sourceStartMs).toBe(0);
  });

  it('quotes the surrounding lines in the description', () => {
    const [item] = items([
      ['Bob', 'The contract is still open.'],
      ['Alice', 'I will review the contract tomorrow.'],
      ['Bob', 'Thanks.'],
    ]);
    expect(item.description).toBe(
      'Bob: The contract is still open.\nAlice: I will review the contract tomorrow.\nBob: Thanks.',
    );
  });
});
