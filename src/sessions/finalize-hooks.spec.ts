import { describe, expect, it } from 'vitest';
import { FinalizeHooks, type DrainOutcome } from './finalize-hooks.js';

describe('FinalizeHooks.drain', () => {
  const cases: [DrainOutcome[], DrainOutcome][] = [
    [[], 'transcribed'],
    [['transcribed'], 'transcribed'],
    [['incomplete'], 'incomplete'],
    [['no_asr'], 'no_asr'],
    [['transcribed', 'incomplete'], 'incomplete'],
    [['incomplete', 'transcribed'], 'incomplete'],
    // Audio nothing could transcribe must be kept, whatever else a drain says.
    [['incomplete', 'no_asr'], 'no_asr'],
    [['no_asr', 'incomplete', 'transcribed'], 'no_asr'],
  ];
  it.each(cases)('%j → %s', async (outcomes, expected) => {
    const hooks = new FinalizeHooks();
    for (const o of outcomes) hooks.onDrain(() => Promise.resolve(o));
    expect(await hooks.drain('s')).toBe(expected);
  });

  it('keeps nothing where no keeper is registered (a worker process)', async () => {
    expect(await new FinalizeHooks().keep({ id: 's', workspaceId: 'w' })).toBeNull();
  });
});
