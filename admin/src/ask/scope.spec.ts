import { describe, expect, it } from 'vitest';
import { scopeFromParams, scopeProblem, toAskScope, WORKSPACE_SCOPE, type ScopeDraft } from './scope';

describe('scopeFromParams', () => {
  it.each([
    ['', { target: 'workspace', sessionId: '', meetingId: '' }],
    ['sessionId=s1', { target: 'session', sessionId: 's1', meetingId: '' }],
    ['meetingId=m1', { target: 'meeting', sessionId: '', meetingId: 'm1' }],
    // The session is the narrower of the two.
    ['meetingId=m1&sessionId=s1', { target: 'session', sessionId: 's1', meetingId: '' }],
    ['sessionId=%20%20', { target: 'workspace', sessionId: '' }],
    [
      'from=2026-03-01&to=2026-03-31&speaker=%20Ann%20',
      { from: '2026-03-01', to: '2026-03-31', speaker: 'Ann' },
    ],
    ['from=yesterday&to=2026-3-1', { from: '', to: '' }],
  ])('?%s', (query, expected) => {
    expect(scopeFromParams(new URLSearchParams(query))).toMatchObject(expected);
  });
});

describe('toAskScope', () => {
  const draft = (patch: Partial<ScopeDraft>): ScopeDraft => ({ ...WORKSPACE_SCOPE, ...patch });

  it('sends only what is set', () => {
    expect(toAskScope(WORKSPACE_SCOPE)).toEqual({});
    expect(toAskScope(draft({ target: 'session', sessionId: 's1', meetingId: 'm-left-over' }))).toEqual({
      sessionId: 's1',
    });
    expect(toAskScope(draft({ target: 'meeting', meetingId: 'm1', sessionId: 's-left-over' }))).toEqual({
      meetingId: 'm1',
    });
    expect(
      toAskScope(draft({ target: 'workspace', meetingId: 'm1', sessionId: 's1', speaker: '  Ann ' })),
    ).toEqual({ speaker: 'Ann' });
  });

  it('dates cover whole local days, from the first to the last millisecond', () => {
    const scope = toAskScope(draft({ from: '2026-03-01', to: '2026-03-02' }));
    expect(new Date(scope.from!).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(scope.to!).getTime()).toBe(new Date(2026, 2, 3).getTime() - 1);
    expect(scope.from).toMatch(/Z$/);
  });
});

describe('scopeProblem', () => {
  it.each([
    [{}, null],
    [{ target: 'meeting' }, 'mina.ask.scope.pick_meeting'],
    [{ target: 'session' }, 'mina.ask.scope.pick_session'],
    [{ target: 'session', sessionId: 's' }, null],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'mina.ask.scope.dates_reversed'],
    [{ from: '2026-03-01', to: '2026-03-01' }, null],
  ] as [Partial<ScopeDraft>, string | null][])('%j → %s', (patch, expected) => {
    expect(scopeProblem({ ...WORKSPACE_SCOPE, ...patch })).toBe(expected);
  });
});
