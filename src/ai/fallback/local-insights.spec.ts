import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localInsights } from './local-insights.js';
import type { TranscriptSegment } from './transcript.js';
import { meetingsDir } from '../../../test/support/fixtures.js';

const FIXTURES = meetingsDir();
const MEETING = new Date('2025-03-05T10:00:00Z');

/** QMSum turns as final segments: 150 words a minute, 250 ms between turns. */
function meeting(file: string): TranscriptSegment[] {
  const { meeting_transcripts: turns } = JSON.parse(readFileSync(resolve(FIXTURES, file), 'utf8')) as {
    meeting_transcripts: Array<{ speaker: string; content: string }>;
  };
  let at = 0;
  return turns.map((turn, i) => {
    const words = turn.content.replace(/\{[^}]*\}/g, '').match(/[\p{L}\p{N}']+/gu)?.length ?? 0;
    const ms = Math.max(400, Math.round((words / 150) * 60_000));
    const segment = { id: `t${i}`, speaker: turn.speaker, text: turn.content, startMs: at, endMs: at + ms };
    at += ms + 250;
    return segment;
  });
}

// The ES2002 team introduce themselves in the first minute of ES2002a.
const ES2002_NAMES = {
  'Project Manager': 'Laura',
  'Industrial Designer': 'David',
  Marketing: 'Andrew',
  'User Interface': 'Craig',
};

const byAssignee = (tasks: Array<{ title: string; assigneeName: string | null }>) =>
  tasks.map((t) => `${t.assigneeName ?? '-'}: ${t.title}`);

describe('localInsights on ES2002a (kick-off meeting)', () => {
  const segments = meeting('ES2002a.json');
  const out = localInsights(segments, { meetingDate: MEETING, speakerNames: ES2002_NAMES });

  it('refines every segment, keeping ids, with no corpus markup or fillers left', () => {
    expect(out.refined.map((r) => r.id)).toEqual(segments.map((s) => s.id));
    for (const { text } of out.refined) {
      expect(text).not.toMatch(/[{}]|\b[A-Z]_|(?<![\w-])(?:um|uh)(?![\w-])/i);
    }
    expect(out.refined.find((r) => r.id === 't0')?.text).toMatch(
      /^Okay Right well this is the kick-off meeting for our project\./,
    );
  });

  it('summarises with the participants’ names and the meeting’s subject', () => {
    expect(out.summary.overview).toMatch(
      /^A \d+-minute meeting with Laura, Andrew, David and Craig, mostly about remote control/,
    );
    expect(out.summary.keyPoints.length).toBeGreaterThan(2);
    for (const point of out.summary.keyPoints) {
      expect(['Laura', 'Andrew', 'David', 'Craig']).toContain(point.speaker);
      expect(point.text.split(' ').length).toBeGreaterThanOrEqual(5);
    }
    expect(out.topics).toContain('remote control');
  });

  it('finds the open pricing question the project manager could not answer', () => {
    expect(out.summary.questions.map((q) => q.text)).toContain(
      'But selling price is that wholesale or retail?',
    );
  });

  it('assigns the homework handed out at the end to the named roles', () => {
    expect(byAssignee(out.tasks)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^David: Work on the actual working design/),
        expect.stringMatching(/^Andrew: Think about .*requirements/),
      ]),
    );
    expect(out.tasks.every((t) => t.speaker === 'Laura')).toBe(true);
    expect(out.fallbackUsed).toBe(true);
  });

  it('is deterministic', () => {
    expect(localInsights(segments, { meetingDate: MEETING, speakerNames: ES2002_NAMES })).toEqual(out);
  });
});

describe('localInsights: tasks a reader can find in the transcript', () => {
  it('ES2002b: minutes for the PM, and the three roles’ next assignments', () => {
    const { tasks } = localInsights(meeting('ES2002b.json'), {
      meetingDate: MEETING,
      speakerNames: ES2002_NAMES,
    });
    expect(byAssignee(tasks)).toEqual(
      expect.arrayContaining([
        'Laura: Put the minutes of this meeting into the project documents folder',
        'David: Think about the components concept',
        'Craig: Think about our user interface',
        'Andrew: Think about trend watching',
      ]),
    );
  });

  it('TS3005a: the project manager hands out the individual work by role', () => {
    const { tasks } = localInsights(meeting('TS3005a.json'), { meetingDate: MEETING });
    expect(byAssignee(tasks)).toEqual(
      expect.arrayContaining([
        'Marketing: Take a look at the user requirement specification',
        'User Interface: Work out the technical functions design',
        'Industrial Designer: Take a look at the working design',
      ]),
    );
  });

  it('ES2002d: the final choices are decisions', () => {
    const { summary } = localInsights(meeting('ES2002d.json'), { meetingDate: MEETING });
    expect(summary.decisions.map((d) => d.text)).toEqual(
      expect.arrayContaining(["Okay let's go with five then.", "Let's go with two point five then."]),
    );
  });
});

describe('localInsights on every fixture', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it.each(files)('%s gives well-formed output', (file) => {
    const segments = meeting(file);
    const out = localInsights(segments, { meetingDate: MEETING });
    const end = segments[segments.length - 1].endMs;

    expect(out.refined).toHaveLength(segments.length);
    expect(out.refined.some((r) => /\{[a-z]+\}/.test(r.text))).toBe(false);
    expect(out.summary.overview.length).toBeGreaterThan(100);
    expect(out.summary.keyPoints.length).toBeGreaterThan(0);
    expect(out.topics.length).toBeGreaterThan(3);
    for (const item of [
      ...out.summary.keyPoints,
      ...out.summary.decisions,
      ...out.summary.risks,
      ...out.summary.questions,
    ]) {
      expect(item.text.length).toBeGreaterThan(0);
      expect(item.atMs).toBeGreaterThanOrEqual(0);
      expect(item.atMs).toBeLessThanOrEqual(end);
    }
    for (const task of out.tasks) {
      expect(task.title.length).toBeGreaterThan(3);
      expect(task.title.length).toBeLessThanOrEqual(120);
      expect(task.title[0]).toBe(task.title[0].toUpperCase());
      expect(task.dueDate === null || /^\d{4}-\d{2}-\d{2}$/.test(task.dueDate)).toBe(true);
      expect(['low', 'medium', 'high', 'urgent']).toContain(task.priority);
      expect(task.evidence.length).toBeGreaterThan(0);
      expect(task.sourceStartMs).toBeLessThanOrEqual(end);
    }
  });

  it('handles an empty meeting', () => {
    expect(localInsights([], { meetingDate: MEETING })).toEqual({
      refined: [],
      summary: { overview: '', keyPoints: [], decisions: [], risks: [], questions: [] },
      tasks: [],
      topics: [],
      fallbackUsed: true,
    });
  });
});
