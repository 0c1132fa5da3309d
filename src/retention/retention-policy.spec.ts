import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config.js';
import { cutoff, resolvePolicy, retentionDefaults, type ResolvedPolicy, type RetentionDefaults } from './retention-policy.js';

const FOREVER: RetentionDefaults = { transcriptDays: null, audioDays: null, keepTasks: true };
const INSTANCE: RetentionDefaults = { transcriptDays: 365, audioDays: 90, keepTasks: false };
type Expected = Pick<ResolvedPolicy, 'transcriptDays' | 'audioDays' | 'keepTasks' | 'keepAudio'> & { source: string };
const src = (t: 'w' | 'i', a: 'w' | 'i', k: 'w' | 'i') => `${t}${a}${k}`;
const shortSource = (p: ResolvedPolicy) => [p.source.transcriptDays, p.source.audioDays, p.source.keepTasks].map((s) => s[0] === 'w' ? 'w' : 'i').join('');

describe('retention policy resolution', () => {
  it.each<[string, Parameters<typeof resolvePolicy>[0], RetentionDefaults, Expected]>([
    ['nothing anywhere: keep everything forever', undefined, FOREVER, { transcriptDays: null, audioDays: null, keepTasks: true, keepAudio: true, source: src('i', 'i', 'i') }],
    ['no workspace policy: the instance defaults', {}, INSTANCE, { transcriptDays: 365, audioDays: 90, keepTasks: false, keepAudio: true, source: src('i', 'i', 'i') }],
    ['workspace days win over the instance', { retention: { transcriptDays: 30, audioDays: 7 } }, INSTANCE, { transcriptDays: 30, audioDays: 7, keepTasks: false, keepAudio: true, source: src('w', 'w', 'i') }],
    ['workspace null means forever, even with an instance default', { retention: { transcriptDays: null, audioDays: null } }, INSTANCE, { transcriptDays: null, audioDays: null, keepTasks: false, keepAudio: true, source: src('w', 'w', 'i') }],
    ['a field left out follows the instance', { retention: { transcriptDays: 10 } }, INSTANCE, { transcriptDays: 10, audioDays: 90, keepTasks: false, keepAudio: true, source: src('w', 'i', 'i') }],
    ['keepTasks from the workspace', { retention: { keepTasks: true } }, INSTANCE, { transcriptDays: 365, audioDays: 90, keepTasks: true, keepAudio: true, source: src('i', 'i', 'w') }],
    ['keepTasks false over an instance that keeps', { retention: { keepTasks: false } }, FOREVER, { transcriptDays: null, audioDays: null, keepTasks: false, keepAudio: true, source: src('i', 'i', 'w') }],
    ['recordings.keep=false: no audio kept', { recordings: { keep: false } }, FOREVER, { transcriptDays: null, audioDays: null, keepTasks: true, keepAudio: false, source: src('i', 'i', 'i') }],
    ['lower bound: 1 day', { retention: { transcriptDays: 1, audioDays: 1 } }, FOREVER, { transcriptDays: 1, audioDays: 1, keepTasks: true, keepAudio: true, source: src('w', 'w', 'i') }],
    ['upper bound: 36500 days', { retention: { transcriptDays: 36_500 } }, FOREVER, { transcriptDays: 36_500, audioDays: null, keepTasks: true, keepAudio: true, source: src('w', 'i', 'i') }],
    // Stored before the schema (or by hand): out of bounds is not a policy; the instance default applies.
    ['0 days stored: the instance default', { retention: { transcriptDays: 0 } }, INSTANCE, { transcriptDays: 365, audioDays: 90, keepTasks: false, keepAudio: true, source: src('i', 'i', 'i') }],
    ['negative days stored: the instance default', { retention: { audioDays: -5 } }, INSTANCE, { transcriptDays: 365, audioDays: 90, keepTasks: false, keepAudio: true, source: src('i', 'i', 'i') }],
    ['more than a century stored: the instance default', { retention: { transcriptDays: 36_501 } }, FOREVER, { transcriptDays: null, audioDays: null, keepTasks: true, keepAudio: true, source: src('i', 'i', 'i') }],
    ['a fraction stored: the instance default', { retention: { transcriptDays: 1.5 } }, INSTANCE, { transcriptDays: 365, audioDays: 90, keepTasks: false, keepAudio: true, source: src('i', 'i', 'i') }],
    ['a string stored: the instance default', { retention: { transcriptDays: '30' as unknown as number } }, INSTANCE, { transcriptDays: 365, audioDays: 90, keepTasks: false, keepAudio: true, source: src('i', 'i', 'i') }],
    ['retention not an object: the instance defaults', { retention: 'always' as never }, INSTANCE, { transcriptDays: 365, audioDays: 90, keepTasks: false, keepAudio: true, source: src('i', 'i', 'i') }],
    ['keepTasks not a boolean: the instance default', { retention: { keepTasks: 'no' as unknown as boolean } }, FOREVER, { transcriptDays: null, audioDays: null, keepTasks: true, keepAudio: true, source: src('i', 'i', 'i') }],
  ])('%s', (_name, settings, defaults, expected) => {
    const policy = resolvePolicy(settings, defaults);
    expect({ transcriptDays: policy.transcriptDays, audioDays: policy.audioDays, keepTasks: policy.keepTasks, keepAudio: policy.keepAudio, source: shortSource(policy) }).toEqual(expected);
  });

  it.each<[string, number | null, string | null]>([
    ['forever', null, null],
    ['1 day', 1, '2031-03-14T12:00:00.000Z'],
    ['30 days', 30, '2031-02-13T12:00:00.000Z'],
  ])('cutoff: %s', (_name, days, expected) => {
    expect(cutoff(new Date('2031-03-15T12:00:00.000Z'), days)?.toISOString() ?? null).toBe(expected);
  });

  it.each<[string, Record<string, string>, RetentionDefaults | string]>([
    ['unset: keep forever, keep tasks', {}, { transcriptDays: null, audioDays: null, keepTasks: true }],
    ['all set', { MINA_RETENTION_TRANSCRIPT_DAYS: '365', MINA_RETENTION_AUDIO_DAYS: '30', MINA_RETENTION_KEEP_TASKS: 'false' }, { transcriptDays: 365, audioDays: 30, keepTasks: false }],
    ['blank is unset', { MINA_RETENTION_TRANSCRIPT_DAYS: ' ' }, { transcriptDays: null, audioDays: null, keepTasks: true }],
    ['0 days refused', { MINA_RETENTION_TRANSCRIPT_DAYS: '0' }, 'MINA_RETENTION_TRANSCRIPT_DAYS must be an integer between 1 and 36500'],
    ['too many days refused', { MINA_RETENTION_AUDIO_DAYS: '36501' }, 'MINA_RETENTION_AUDIO_DAYS must be an integer between 1 and 36500'],
    ['a fraction refused', { MINA_RETENTION_AUDIO_DAYS: '1.5' }, 'MINA_RETENTION_AUDIO_DAYS must be an integer between 1 and 36500'],
    ['not a boolean refused', { MINA_RETENTION_KEEP_TASKS: 'maybe' }, 'MINA_RETENTION_KEEP_TASKS must be true or false'],
  ])('instance defaults from the environment: %s', (_name, env, expected) => {
    const load = () => retentionDefaults(loadConfig({ NODE_ENV: 'test', ...env }));
    if (typeof expected === 'string') expect(load).toThrow(expected);
    else expect(load()).toEqual(expected);
  });
});
