import { describe, expect, it } from 'vitest';
import { localCopilotItems } from './copilot-local.js';

const segments = (lines: [string, string][]) =>
  lines.map(([speaker, text], i) => ({
    id: `s${i}`,
    speaker,
    text,
    startMs: i * 5000,
    endMs: i * 5000 + 4000,
  }));

describe('localCopilotItems: the rule-based copilot over one scan’s lines', () => {
  it('finds action items with owner and due date, decisions, risks and open questions, in time order', () => {
    const items = localCopilotItems(
      segments([
        ['Laura', 'Okay, we decided to go with the rubber case for the first prototype.'],
        ['David', 'I will send the updated drawings to Andrew by Friday.'],
        ['Andrew', "I'm worried the schedule is too tight for the component supplier."],
        ['Craig', 'Which battery are we going to use in the final remote control?'],
      ]),
      new Date('2026-11-18T10:00:00Z'),
      {},
    );
    expect(items.map((i) => [i.kind, i.startMs])).toEqual([
      ['decision', 0],
      ['action_item', 5000],
      ['risk', 10_000],
      ['question', 15_000],
    ]);
    expect(items[1]).toMatchObject({ owner: 'David', due: '2026-11-20' });
    expect(items[1].text).toMatch(/drawings/i);
  });

  it('finds nothing in small talk, and nothing in no lines', () => {
    expect(
      localCopilotItems(
        segments([
          ['Laura', 'Hi, nice to see everyone.'],
          ['David', 'Yeah, good morning.'],
        ]),
        new Date('2026-11-18T10:00:00Z'),
        {},
      ),
    ).toEqual([]);
    expect(localCopilotItems([], new Date('2026-11-18T10:00:00Z'), {})).toEqual([]);
  });
});
