import { describe, expect, it } from 'vitest';
import { audioPolicy, deletionReason, type RetentionCandidate, type RetentionPolicy } from './recording-retention.js';
import { resolvePolicy, type RetentionDefaults } from './retention-policy.js';

const NO_DEFAULTS: RetentionDefaults = { transcriptDays: null, audioDays: null, keepTasks: true };

const NOW = new Date('2031-03-15T12:00:00.000Z');
const daysBefore = (days: number, ms = 0) => new Date(NOW.getTime() - days * 86_400_000 + ms);

const done = (createdAt: Date, over: Partial<RetentionCandidate> = {}): RetentionCandidate => ({
  createdAt,
  deletedAt: null,
  sessionStatus: 'completed',
  transcriptionState: null,
  ...over,
});

const KEEP_FOREVER: RetentionPolicy = { keep: true, retentionDays: null };
const THIRTY_DAYS: RetentionPolicy = { keep: true, retentionDays: 30 };
const NO_AUDIO: RetentionPolicy = { keep: false, retentionDays: null };

describe('recording retention', () => {
  it.each<[string, RetentionCandidate, RetentionPolicy, string | null]>([
    ['kept forever, however old', done(daysBefore(10_000)), KEEP_FOREVER, null],
    ['30 days: 31 days old goes', done(daysBefore(31)), THIRTY_DAYS, 'retention'],
    ['30 days: exactly 30 days old goes', done(daysBefore(30)), THIRTY_DAYS, 'retention'],
    ['30 days: one ms short of 30 days stays', done(daysBefore(30, 1)), THIRTY_DAYS, null],
    ['30 days: yesterday stays', done(daysBefore(1)), THIRTY_DAYS, null],
    ['30 days: stored "in the future" (clock skew) stays', done(daysBefore(-1)), THIRTY_DAYS, null],
    ['keep=false: transcribed a minute ago goes', done(daysBefore(0, -60_000)), NO_AUDIO, 'workspace_setting'],
    ['keep=false wins over a retention that is not due', done(daysBefore(1)), { keep: false, retentionDays: 30 }, 'workspace_setting'],
    ['keep=false and old: said as the workspace setting', done(daysBefore(90)), { keep: false, retentionDays: 30 }, 'workspace_setting'],
    ['an error session, transcribed, old: goes', done(daysBefore(40), { sessionStatus: 'error' }), THIRTY_DAYS, 'retention'],
    ['not transcribed (no ASR): stays, however old', done(daysBefore(400), { transcriptionState: 'not_transcribed' }), THIRTY_DAYS, null],
    ['not transcribed, keep=false: stays', done(daysBefore(400), { transcriptionState: 'not_transcribed' }), NO_AUDIO, null],
    ['being transcribed: stays', done(daysBefore(400), { transcriptionState: 'transcribing' }), NO_AUDIO, null],
    ...(['pending', 'uploading', 'queued', 'recording', 'transcribing', 'processing'] as const).map(
      (status): [string, RetentionCandidate, RetentionPolicy, null] => [`session still ${status}: stays`, done(daysBefore(400), { sessionStatus: status }), NO_AUDIO, null],
    ),
    ['already deleted: not again', done(daysBefore(400), { deletedAt: daysBefore(10) }), NO_AUDIO, null],
  ])('%s', (_name, recording, policy, expected) => {
    expect(deletionReason(recording, policy, NOW)).toBe(expected);
  });

  // recordings.retentionDays is now retention.audioDays (the settings schema stores the old name under the new one).
  it.each<[string, Parameters<typeof resolvePolicy>[0], RetentionPolicy]>([
    ['no setting: keep forever', undefined, KEEP_FOREVER],
    ['null setting: keep forever', null, KEEP_FOREVER],
    ['empty object: keep forever', {}, KEEP_FOREVER],
    ['only days', { retention: { audioDays: 7 } }, { keep: true, retentionDays: 7 }],
    ['only keep=false', { recordings: { keep: false } }, NO_AUDIO],
    ['days null is forever', { recordings: { keep: true }, retention: { audioDays: null } }, KEEP_FOREVER],
  ])('reads the workspace setting: %s', (_name, settings, policy) => {
    expect(audioPolicy(resolvePolicy(settings, NO_DEFAULTS))).toEqual(policy);
  });
});
