import { describe, expect, it } from 'vitest';
import { checkHallucination, type HallucinationReason, type TranscriptEvidence } from './hallucination.js';

/** A clean window: speech 40 dB over the floor. */
const heard = { rmsDb: -22, noiseFloorDb: -61 };

const cases: { name: string; input: TranscriptEvidence; reason?: HallucinationReason }[] = [
  {
    name: 'a normal English sentence',
    input: {
      text: "Hi, I'm David and I'm supposed to be an industrial designer.",
      durationMs: 4100,
      ...heard,
    },
  },
  { name: 'a one-word answer in a short window', input: { text: 'Yes.', durationMs: 560, ...heard } },
  {
    name: 'a long German compound',
    input: { text: 'Donaudampfschifffahrtsgesellschaftskapitän', durationMs: 2000, ...heard },
  },
  { name: 'normal Chinese', input: { text: '我们今天讨论新的遥控器设计。', durationMs: 4000, ...heard } },
  {
    name: 'normal Japanese',
    input: { text: '今日は新しいリモコンについて話します', durationMs: 3000, ...heard },
  },
  {
    name: 'normal Thai (no spaces, alphabetic)',
    input: { text: 'วันนี้เราจะคุยเรื่องการออกแบบรีโมท', durationMs: 3000, ...heard },
  },
  { name: 'a real "no no no"', input: { text: 'No, no, no.', durationMs: 1500, ...heard } },
  {
    name: 'a real repeated phrase',
    input: { text: 'I think, I think we should wait.', durationMs: 2500, ...heard },
  },
  {
    name: 'confident text despite some no-speech probability',
    input: { text: 'Okay.', durationMs: 800, noSpeechProb: 0.7, avgLogprob: -0.3, ...heard },
  },
  {
    name: 'a moderate no-speech probability alone',
    input: { text: 'Okay.', durationMs: 800, noSpeechProb: 0.7, ...heard },
  },

  { name: 'empty text', input: { text: '', durationMs: 2000, ...heard }, reason: 'empty' },
  { name: 'punctuation only', input: { text: ' ... ', durationMs: 2000, ...heard }, reason: 'empty' },
  { name: 'music notes', input: { text: '♪♪', durationMs: 2000, ...heard }, reason: 'empty' },
  {
    name: 'Whisper no-speech rule',
    input: { text: 'Thank you.', durationMs: 2000, noSpeechProb: 0.9, avgLogprob: -1.2, ...heard },
    reason: 'no-speech',
  },
  {
    name: 'a very sure no-speech probability alone',
    input: { text: 'Thank you.', durationMs: 2000, noSpeechProb: 0.85, ...heard },
    reason: 'no-speech',
  },
  {
    name: 'text over a window at the noise floor',
    input: { text: 'Thank you.', durationMs: 2000, rmsDb: -58, noiseFloorDb: -61 },
    reason: 'near-silence',
  },
  {
    name: 'text over a near-silent window',
    input: { text: 'Thanks for watching!', durationMs: 2000, rmsDb: -75 },
    reason: 'near-silence',
  },
  {
    name: 'more English words than 2 s can hold',
    input: {
      text: 'so the thing is that we all need to get to know each other before we can start on the remote',
      durationMs: 2000,
      ...heard,
    },
    reason: 'too-fast',
  },
  {
    name: 'more Japanese than 0.6 s can hold',
    input: { text: 'ご視聴ありがとうございました', durationMs: 600, ...heard },
    reason: 'too-fast',
  },
  {
    name: 'more Chinese than 2 s can hold',
    input: {
      text: '请不吝点赞订阅转发打赏支持明镜与点点栏目我们下期再见谢谢大家',
      durationMs: 2000,
      ...heard,
    },
    reason: 'too-fast',
  },
  {
    name: 'a looping English phrase',
    input: { text: 'Thank you. Thank you. Thank you. Thank you.', durationMs: 10_000, ...heard },
    reason: 'repetition',
  },
  {
    name: 'a looping Chinese phrase',
    input: { text: '谢谢观看谢谢观看谢谢观看谢谢观看', durationMs: 10_000, ...heard },
    reason: 'repetition',
  },
  {
    name: 'a looping sentence too long for the n-gram check',
    input: {
      text: Array(6).fill("I'm going to the shop to buy some milk and bread.").join(' '),
      durationMs: 30_000,
      ...heard,
    },
    reason: 'compression',
  },
];

describe('checkHallucination', () => {
  it.each(cases)('$name → $reason', ({ input, reason }) => {
    const verdict = checkHallucination(input);
    expect(verdict.drop).toBe(reason !== undefined);
    expect(verdict.reason).toBe(reason);
    if (reason) expect(verdict.detail ?? reason).toBeTruthy();
  });

  it('takes thresholds as options', () => {
    const input = { text: 'Thank you.', durationMs: 2000, rmsDb: -50, noiseFloorDb: -61 };
    expect(checkHallucination(input).drop).toBe(false);
    expect(checkHallucination(input, { minSnrDb: 15 })).toMatchObject({ drop: true, reason: 'near-silence' });
  });
});
