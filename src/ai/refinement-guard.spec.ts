import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '#src/transcription/audio/text-tokens.js';
import { lineWords, refinementVerdict, type RefinementVerdict } from './refinement-guard.js';
import { meetingsDir } from '../../test/support/fixtures.js';

describe('refinementVerdict', () => {
  it.each<[string, string, string, RefinementVerdict]>([
    ['punctuation and casing', 'so we start now', 'So, we start now.', 'cleanup'],
    ['fillers and markup out', 'Um so we need uh a plan {vocalsound} .', 'So we need a plan.', 'cleanup'],
    ['a stutter and a false start out', 'the the design is is I mean it is good', 'The design is good.', 'cleanup'],
    ['a small fix', "we're gonna ship it on friday", "We're going to ship it on Friday.", 'cleanup'],
    ['a filler-only line emptied', 'Um .', '', 'cleanup'],
    ['a markup-only line emptied', '{vocalsound} {vocalsound}', '', 'cleanup'],
    ['German, casing and commas', 'also ich glaube wir müssen das budget prüfen', 'Also, ich glaube, wir müssen das Budget prüfen.', 'cleanup'],
    ['Russian, punctuation', 'ну мы должны закончить дизайн к пятнице', 'Мы должны закончить дизайн к пятнице.', 'cleanup'],
    ['Chinese, punctuation added', '我们下周五之前完成设计', '我们下周五之前完成设计。', 'cleanup'],
    ['Japanese, a small fix', 'えっと来週までにデザインを終わらせます', '来週までにデザインを終わらせます。', 'cleanup'],
    ['a sentence replaced by one word', 'I think the remote should be yellow and round', 'text', 'new-words'],
    ['another sentence', 'I think the remote should be yellow and round', 'The budget is twelve euros per unit.', 'new-words'],
    ['a translation', 'I think the remote should be yellow and round', 'Je pense que la télécommande doit être jaune et ronde.', 'new-words'],
    ['Chinese replaced by other characters', '我们下周五之前完成设计', '预算是十二欧元。', 'new-words'],
    ['a real line emptied', 'I think the remote should be yellow', '', 'empty'],
    ['a real line emptied to punctuation', 'I think the remote should be yellow', ' … ', 'empty'],
    ['content added', 'Yes.', 'Yes. We agreed to ship the product to the retail stores on Friday.', 'too-long'],
    ['the line repeated', 'we should ship it on Friday', 'We should ship it on Friday. We should ship it on Friday.', 'too-long'],
    ['most of the line dropped', 'I think the remote should be yellow and round and cheap', 'The remote.', 'lost-words'],
  ])('%s', (_case, original, refined, verdict) => {
    expect(refinementVerdict(original, refined)).toBe(verdict);
  });
});

describe('lineWords', () => {
  it('gives the tokens tokenize() gives, ASCII shortcut or not', () => {
    const dir = meetingsDir();
    const lines = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => (JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as { meeting_transcripts: { content: string }[] }).meeting_transcripts.map((t) => t.content));
    lines.push('T_V_ and the L_E_D_s, $5 + 3 = <8> ~ `x` ^ | "quoted" {gap} end.Start', 'It’s “fine” — 我们下周五之前完成设计。', '  ');
    for (const line of lines) expect(lineWords(line)).toEqual(tokenize(line).map((t) => t.norm));
  });
});
