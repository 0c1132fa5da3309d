import { describe, expect, it } from 'vitest';
import { extractDecisions } from './decisions.js';
import { splitSentences } from './sentences.js';

/** Lines of [speaker, text], three seconds apart unless a gap is given. */
function run(lines: Array<[string, string, number?]>) {
  let at = 0;
  const segments = lines.map(([speaker, text, gapMs = 500], i) => {
    at += gapMs;
    const seg = { id: `s${i}`, speaker, text, startMs: at, endMs: at + 2500 };
    at += 2500;
    return seg;
  });
  return extractDecisions(splitSentences(segments));
}

const texts = (list: Array<{ text: string }>) => list.map((x) => x.text);

describe('extractDecisions: decisions', () => {
  it.each([
    ['We decided to ship the beta in April.'],
    ["Okay, let's go with the yellow casing then."],
    ['We agreed on a price of twenty five euros.'],
    ["We'll use rubber buttons for the prototype."],
    ['The final decision is to drop speech recognition.'],
    ["So we're going with the kinetic battery."],
  ])('"%s"', (text) => {
    const { decisions } = run([['Alice', text]]);
    expect(decisions).toEqual([{ text, speaker: 'Alice', atMs: 500 }]);
  });

  it.each([
    ['Have we decided on the colour yet?'],
    ["We haven't decided on the colour yet."],
    ['We need to make a final decision on the colour.'],
    ['If we decided to drop it, we would save money.'],
  ])('not "%s"', (text) => {
    expect(run([['Alice', text]]).decisions).toEqual([]);
  });

  it('takes an agreed proposal as the decision', () => {
    const { decisions } = run([
      ['Alice', 'Should we go for a curved shape with a jog dial?'],
      ['Bob', 'Agreed.'],
    ]);
    expect(texts(decisions)).toEqual(['Should we go for a curved shape with a jog dial?']);
    expect(decisions[0].speaker).toBe('Alice');
  });
});

describe('extractDecisions: risks', () => {
  it.each([
    ['There is a real risk that the supplier misses the date.'],
    ["I'm worried the battery will not last a full year."],
    ['The main concern is the production cost of the screen.'],
    ['This might not fit in the twelve euro budget at all.'],
    ['The legal review is a blocker for the launch plan.'],
    ['The deadline for the prototype is very close now.'],
    ['One problem with speech recognition is the noisy living room.'],
  ])('"%s"', (text) => {
    expect(texts(run([['Alice', text]]).risks)).toEqual([text]);
  });

  it.each([
    ['No problem, I can take that one on board.'],
    ["Don't worry about the teletext functions at all."],
    ['Is there any risk with the supplier contract?'],
    ['Problem.'],
  ])('not "%s"', (text) => {
    expect(run([['Alice', text]]).risks).toEqual([]);
  });
});

describe('extractDecisions: open questions', () => {
  it('keeps a question nobody answers', () => {
    const { questions } = run([
      ['Alice', 'Is the selling price wholesale or retail here?'],
      ['Bob', 'Mm-hmm.'],
      ['Alice', 'Anyway, moving on.'],
    ]);
    expect(texts(questions)).toEqual(['Is the selling price wholesale or retail here?']);
  });

  it('keeps a question answered with "I don\'t know" or "good question"', () => {
    const { questions } = run([
      ['Alice', 'Is the selling price wholesale or retail here?'],
      ['Bob', "I dunno. That's a good question."],
    ]);
    expect(questions).toHaveLength(1);
  });

  it('drops a question someone else answers', () => {
    const { questions } = run([
      ['Alice', 'Is the selling price wholesale or retail here?'],
      ['Bob', 'It is the retail price, including tax.'],
    ]);
    expect(questions).toEqual([]);
  });

  it('keeps a question when the answer comes too late to be one', () => {
    const { questions } = run([
      ['Alice', 'Is the selling price wholesale or retail here?'],
      ['Bob', 'It is the retail price, including tax.', 60_000],
    ]);
    expect(questions).toHaveLength(1);
  });

  it.each([
    ["That is David, Andrew and Craig, isn't it?"],
    ['Can you hear me at the back of the room?'],
    ['Could you send the slides to everyone later?'],
    ['Ready?'],
  ])('ignores "%s"', (text) => {
    expect(run([['Alice', text]]).questions).toEqual([]);
  });

  it.each([
    ['That is still an open question for the whole team.'],
    ['We still need to figure out the shipping costs.'],
    ['The launch date is to be determined.'],
  ])('takes explicitly open items: "%s"', (text) => {
    expect(texts(run([['Alice', text]]).questions)).toEqual([text]);
  });
});
